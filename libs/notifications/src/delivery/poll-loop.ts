import { Logger } from '@nestjs/common';

/**
 * Runs `tick` again and again: at once while it reports more work, else after `intervalMs`. A failed
 * tick is logged and the loop goes on: the work it leased comes back when the lease lapses.
 */
export class PollLoop {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly tick: () => Promise<boolean>,
    private readonly logger = new Logger(name),
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Waits for the tick in progress: its leases are then settled or released. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.run();
    }, delayMs);
    this.timer.unref();
  }

  private async run(): Promise<void> {
    let more = false;
    try {
      more = await this.tick();
    } catch (error) {
      this.logger.warn(
        `${this.name} failed, will retry: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    this.schedule(more ? 0 : this.intervalMs);
  }
}

import { Injectable, Logger } from '@nestjs/common';

/**
 * Whether this process should receive new traffic. It is not ready until the work it needs before its
 * first client has settled (say, the subscriptions that carry other replicas' events), and not once
 * drain has begun.
 */
@Injectable()
export class ReadinessState {
  private readonly logger = new Logger(ReadinessState.name);
  private draining = false;
  private readonly startup = new Set<string>();

  beginDrain(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /**
   * Holds readiness until `task` settles. A task that outlasts `timeoutMs` (Redis unreachable at start)
   * stops holding it: the replica then serves degraded, as it would through any Redis outage, rather than
   * never becoming ready. Later failures never pull a ready replica out: a Redis blip must not empty the
   * balancer.
   */
  holdUntil(name: string, task: Promise<unknown>, timeoutMs = 10_000): void {
    this.startup.add(name);
    const timer = setTimeout(() => {
      if (this.startup.delete(name))
        this.logger.warn(`ready without ${name}: still pending after ${timeoutMs} ms`);
    }, timeoutMs);
    timer.unref();
    task
      .catch((error: unknown) => this.logger.warn(`${name} failed at start: ${String(error)}`))
      .finally(() => {
        clearTimeout(timer);
        this.startup.delete(name);
      });
  }

  /** Start-up work still holding readiness. */
  get pendingStartup(): string[] {
    return [...this.startup];
  }
}

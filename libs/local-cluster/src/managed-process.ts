import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ManagedProcessSpec {
  /** The component's name: `gateway-2`, `redis`, `nginx`… */
  name: string;
  command: string;
  args: string[];
  /** Added to the caller's environment. */
  env: Record<string, string>;
  logFile: string;
  /** Resolves true once the component serves. */
  ready: () => Promise<boolean>;
  /** @default 30000 */
  readyTimeoutMs?: number;
}

/**
 * One component of the cluster. It is started in a process group of its own, so that a signal reaches
 * exactly it and its children (nginx's workers) and nothing the cluster did not start.
 */
export class ManagedProcess {
  private child?: ChildProcess;
  private exit?: Promise<void>;

  constructor(readonly spec: ManagedProcessSpec) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    if (this.running) throw new Error(`${this.spec.name} is already running`);
    const log = openSync(this.spec.logFile, 'a');
    try {
      // Children inherit the caller's environment (PATH, locale) as a shell would; the cluster adds its own.
      // eslint-disable-next-line no-restricted-properties -- passed through untouched, never read
      const env = { ...process.env, ...this.spec.env };
      const child = spawn(this.spec.command, this.spec.args, {
        env,
        detached: true,
        stdio: ['ignore', log, log],
      });
      this.child = child;
      this.exit = new Promise((resolve) => child.once('exit', () => resolve()));
      child.once('error', () => undefined); // a missing binary shows as an exit before readiness
    } finally {
      closeSync(log);
    }
    await this.waitUntilReady();
  }

  /** Stops holding this process open for the child. */
  detach(): void {
    this.child?.unref();
  }

  /** Sends a signal to the component's process group. */
  signal(signal: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (pid === undefined || !this.running) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  }

  /** Sends the signal and waits for the exit; SIGKILL after `timeoutMs`. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 30_000): Promise<void> {
    if (!this.running) return;
    this.signal('SIGCONT'); // a paused process cannot act on SIGTERM
    this.signal(signal);
    const timer = setTimeout(() => this.signal('SIGKILL'), timeoutMs);
    try {
      await this.exit;
    } finally {
      clearTimeout(timer);
    }
    // nginx's workers outlive a SIGKILLed master: clear the rest of the group too.
    if (signal === 'SIGKILL' && this.child?.pid) {
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {
        // nobody left in the group
      }
    }
  }

  private async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + (this.spec.readyTimeoutMs ?? 30_000);
    while (Date.now() < deadline) {
      if (!this.running)
        throw new Error(`${this.spec.name} exited before it was ready; see ${this.spec.logFile}`);
      if (await this.spec.ready().catch(() => false)) return;
      await sleep(100);
    }
    throw new Error(`${this.spec.name} was not ready within the timeout; see ${this.spec.logFile}`);
  }
}

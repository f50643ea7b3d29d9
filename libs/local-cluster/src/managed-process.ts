import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ManagedProcessSpec {
  /** The process's name in errors: `gateway-2`, `redis`, `nginx`, `standalone`… */
  name: string;
  command: string;
  args: string[];
  /** Added to the caller's environment. */
  env: Record<string, string>;
  /** Where stdout and stderr are appended; discarded when absent. @default undefined */
  logFile?: string;
  /** Resolves true once the process serves; polled every 100 ms (`httpReady`, `tcpReady`, `redisReady`). */
  ready: () => Promise<boolean>;
  /** @default 30000 */
  readyTimeoutMs?: number;
  /**
   * Starts it in a process group of its own: a signal then reaches it and its children (nginx's workers)
   * and nothing else, and it can outlive the caller (`detach`). Left off for test processes, so that a
   * Ctrl-C in the terminal stops them with the test run. @default false
   */
  ownProcessGroup?: boolean;
}

/**
 * A real process this one started: awaited until ready, signalled, and reaped with its exit code. The
 * local cluster runs each component in one, and the tests each service they start.
 */
export class ManagedProcess {
  private child?: ChildProcess;
  private exit?: Promise<number | null>;

  constructor(readonly spec: ManagedProcessSpec) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    if (this.running) throw new Error(`${this.spec.name} is already running`);
    const child = this.spawnChild();
    this.child = child;
    this.exit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    child.on('error', () => undefined); // after the spawn, only a failed kill: the exit tells the rest
    // No pid: the spawn itself failed (a missing binary), and the error follows on the next tick.
    if (child.pid === undefined) {
      const [error] = (await once(child, 'error')) as [Error];
      throw new Error(`${this.spec.name} could not start: ${error.message}`);
    }
    await this.waitUntilReady();
  }

  /** Stops holding this process open for the child. */
  detach(): void {
    this.child?.unref();
  }

  /** Sends a signal to the process, or to its whole group when it has one of its own. */
  signal(signal: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (pid === undefined || !this.running) return;
    try {
      process.kill(this.spec.ownProcessGroup ? -pid : pid, signal);
    } catch {
      // already gone
    }
  }

  /** Waits for the process to exit by itself; SIGKILL after `timeoutMs`. Resolves to the exit code. */
  exited(timeoutMs = 15_000): Promise<number | null> {
    return this.reap(timeoutMs);
  }

  /**
   * Sends the signal and waits for the exit; SIGKILL after `timeoutMs`. Resolves to the exit code (null
   * when a signal ended it).
   */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<number | null> {
    if (!this.running) return this.child?.exitCode ?? null;
    this.signal('SIGCONT'); // a paused process cannot act on SIGTERM
    this.signal(signal);
    const code = await this.reap(timeoutMs);
    // nginx's workers outlive a SIGKILLed master: clear the rest of the group too.
    if (signal === 'SIGKILL' && this.spec.ownProcessGroup && this.child?.pid) {
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {
        // nobody left in the group
      }
    }
    return code;
  }

  /** Output goes straight to the log file's descriptor: nothing buffers here, and it outlives `detach`. */
  private spawnChild(): ChildProcess {
    const { command, args, logFile, ownProcessGroup } = this.spec;
    const log = logFile === undefined ? 'ignore' : openSync(logFile, 'a');
    try {
      // Children inherit the caller's environment (PATH, locale) as a shell would; the spec adds its own.
      // eslint-disable-next-line no-restricted-properties -- passed through untouched, never read
      const env = { ...process.env, ...this.spec.env };
      return spawn(command, args, { env, detached: ownProcessGroup ?? false, stdio: ['ignore', log, log] });
    } finally {
      if (typeof log === 'number') closeSync(log);
    }
  }

  private async reap(timeoutMs: number): Promise<number | null> {
    if (!this.running) return this.child?.exitCode ?? null;
    const timer = setTimeout(() => this.signal('SIGKILL'), timeoutMs);
    try {
      return await this.exit!;
    } finally {
      clearTimeout(timer);
    }
  }

  private async waitUntilReady(): Promise<void> {
    const { name, logFile } = this.spec;
    const seeLog = logFile === undefined ? '' : `; see ${logFile}`;
    const deadline = Date.now() + (this.spec.readyTimeoutMs ?? 30_000);
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${name} exited before it was ready${seeLog}`);
      if (await this.spec.ready().catch(() => false)) return;
      await sleep(100);
    }
    throw new Error(`${name} was not ready within the timeout${seeLog}`);
  }
}

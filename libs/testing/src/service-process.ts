import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ServiceProcessOptions {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  /** Polled until it answers 200. */
  readyUrl: string;
  logFile?: string;
  readyTimeoutMs?: number;
}

/** A real service process: started, awaited until ready, signalled and reaped by the test that owns it. */
export class ServiceProcess {
  private child?: ChildProcess;
  private exit?: Promise<number | null>;

  constructor(readonly options: ServiceProcessOptions) {}

  async start(): Promise<void> {
    const { command, args, env, logFile } = this.options;
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (logFile) {
      const log = createWriteStream(logFile, { flags: 'a' });
      child.stdout?.pipe(log);
      child.stderr?.pipe(log);
    } else {
      child.stdout?.resume();
      child.stderr?.resume();
    }
    this.child = child;
    this.exit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    await this.waitUntilReady();
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  signal(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }

  /** Waits for the process to exit by itself; SIGKILL after the timeout. */
  async exited(timeoutMs = 15_000): Promise<number | null> {
    if (!this.running) return this.child?.exitCode ?? null;
    const timer = setTimeout(() => this.signal('SIGKILL'), timeoutMs);
    try {
      return await this.exit!;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends the signal and waits for the exit; SIGKILL after the timeout. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<number | null> {
    if (!this.running) return this.child?.exitCode ?? null;
    this.signal(signal);
    const timer = setTimeout(() => this.signal('SIGKILL'), timeoutMs);
    try {
      return await this.exit!;
    } finally {
      clearTimeout(timer);
    }
  }

  private async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + (this.options.readyTimeoutMs ?? 30_000);
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.options.name} exited before it was ready`);
      try {
        const response = await fetch(this.options.readyUrl);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`${this.options.name} was not ready within the timeout`);
  }
}

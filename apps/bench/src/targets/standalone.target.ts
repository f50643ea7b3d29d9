import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '@chat/platform/runtime';
import type { BenchRoom, BenchTarget } from '../bench-target';
import { spawnReady, stopChild } from '../child-process';
import { chatRoom } from './chat-room';

/**
 * G1: our standalone server with everything on: tokens, validation, rate limits, durable idempotent
 * writes with seqs (to the embedded store), fan-out. Limits are raised so they do not cap the sweep.
 */
export class StandaloneTarget implements BenchTarget {
  readonly name = 'G1';
  readonly description = 'chat standalone (auth, persistence, validation, rate limits on)';
  private server?: ChildProcess;
  private url = '';
  private dataDir = '';

  /** @param extraEnv settings over the defaults (e.g. a raised upload limit for the uploads bench) */
  constructor(private readonly extraEnv: Record<string, string> = {}) {}

  async start(): Promise<void> {
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    this.dataDir = mkdtempSync(join(tmpdir(), 'chat-bench-'));
    const entry = resolve(__dirname, '../../../standalone/src/main.js');
    this.server = await spawnReady(
      process.execPath,
      [entry],
      {
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        LOG_LEVEL: 'error',
        RATE_LIMIT_SEND_POINTS: '1000000',
        RATE_LIMIT_SOCKET_EVENT_POINTS: '1000000',
        RATE_LIMIT_REGISTER_PER_MINUTE: '1000000',
        ...this.extraEnv,
      },
      `${this.url}/readyz`,
    );
  }

  get baseUrl(): string {
    return this.url;
  }

  connect(receivers: number): Promise<BenchRoom> {
    return chatRoom(this.url, receivers);
  }

  serverPids(): number[] {
    return this.server?.pid ? [this.server.pid] : [];
  }

  async stop(): Promise<void> {
    await stopChild(this.server);
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

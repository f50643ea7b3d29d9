import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '@chat/platform/runtime';
import type { BenchRoom, BenchTarget } from '../bench-target';
import { forkReady, stopChild } from '../child-process';
import { rawRoom } from './raw-room';

/** B1: raw Socket.IO, one process, `io.to(room).emit`. The baseline. */
export class RawSingleTarget implements BenchTarget {
  readonly name = 'B1';
  readonly description = 'raw Socket.IO, 1 process';
  private server?: ChildProcess;
  private url = '';

  async start(): Promise<void> {
    const port = await freePort();
    this.server = await forkReady(join(__dirname, '..', 'raw-server.js'), [String(port)]);
    this.url = `http://127.0.0.1:${port}`;
  }

  connect(receivers: number): Promise<BenchRoom> {
    return rawRoom([this.url], receivers);
  }

  serverPids(): number[] {
    return this.server?.pid ? [this.server.pid] : [];
  }

  stop(): Promise<void> {
    return stopChild(this.server);
  }
}

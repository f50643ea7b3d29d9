import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '@chat/platform/runtime';
import type { BenchRoom, BenchTarget } from '../bench-target';
import { forkReady, stopChild } from '../child-process';
import { rawRoom } from './raw-room';

/** B2: raw Socket.IO, 2 processes sharing the room through `@socket.io/redis-adapter`. */
export class RawRedisTarget implements BenchTarget {
  readonly name = 'B2';
  readonly description = 'raw Socket.IO, 2 processes + Redis adapter';
  private redis?: ChildProcess;
  private servers: ChildProcess[] = [];
  private urls: string[] = [];

  async start(): Promise<void> {
    const redisPort = await freePort();
    this.redis = spawn(
      'redis-server',
      ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    await sleep(300);
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      this.servers.push(
        await forkReady(join(__dirname, '..', 'raw-server.js'), [
          String(port),
          `redis://127.0.0.1:${redisPort}`,
        ]),
      );
      this.urls.push(`http://127.0.0.1:${port}`);
    }
  }

  connect(receivers: number): Promise<BenchRoom> {
    return rawRoom(this.urls, receivers);
  }

  serverPids(): number[] {
    return [this.redis, ...this.servers].flatMap((child) => (child?.pid ? [child.pid] : []));
  }

  async stop(): Promise<void> {
    await Promise.all(this.servers.map(stopChild));
    await stopChild(this.redis);
  }
}

import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Ack, Message, Room, Session } from '@chat/contracts';
import { freePort } from '@chat/platform';
import type { BenchPayload, BenchRoom, BenchTarget } from '../bench-target';
import { spawnReady, stopChild } from '../child-process';
import { connectMany, connectSocket } from '../sockets';

const PASSWORD = 'benchmark password';

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
  private sent = 0;

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
      },
      `${this.url}/readyz`,
    );
  }

  async connect(receivers: number): Promise<BenchRoom> {
    const sessions = await this.register(receivers + 1);
    const [owner, ...members] = sessions;
    const room = await this.post<Room>('/api/rooms', owner.accessToken, {
      name: 'bench',
      visibility: 'public',
    });
    for (const member of members) await this.post('/api/rooms/' + room.id + '/join', member.accessToken);
    const join = (session: Session) => async () => {
      const socket = await connectSocket(this.url, { token: session.accessToken });
      await socket.emitWithAck('room:join', { roomId: room.id });
      return socket;
    };
    const sockets = await connectMany(members.length, (index) => join(members[index])());
    const sender = await join(owner)();
    return {
      send: async (payload: BenchPayload, body: string) => {
        this.sent += 1;
        const answer = (await sender.timeout(10_000).emitWithAck('message:send', {
          roomId: room.id,
          clientMsgId: `bench-${this.sent.toString(36)}-${payload.n}`,
          body: `${payload.n}:${payload.t}:${body}`,
        })) as Ack<unknown>;
        if (!answer.ok) throw new Error(answer.error.code);
      },
      onDelivery: (handler) => {
        for (const socket of sockets) {
          socket.on('message:new', (message: Message) => {
            const [n, t] = message.body.split(':', 2).map(Number);
            handler({ n, t });
          });
        }
      },
      close: () => {
        for (const socket of [...sockets, sender]) socket.close();
      },
    };
  }

  async stop(): Promise<void> {
    await stopChild(this.server);
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** argon2id costs ~50 ms a user, so registration runs a few at a time, once per run. */
  private async register(count: number): Promise<Session[]> {
    const sessions: Session[] = [];
    const prefix = `b${Date.now().toString(36)}`;
    for (let start = 0; start < count; start += 8) {
      const batch = Array.from({ length: Math.min(8, count - start) }, (_, i) =>
        this.post<Session>('/api/auth/register', undefined, {
          username: `${prefix}_${start + i}`,
          password: PASSWORD,
        }),
      );
      sessions.push(...(await Promise.all(batch)));
    }
    return sessions;
  }

  private async post<T>(path: string, token?: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }
}

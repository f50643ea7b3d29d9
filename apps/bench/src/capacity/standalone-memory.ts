import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Ack, Room } from '@chat/contracts';
import { freePort } from '@chat/platform/runtime';
import type { Socket } from 'socket.io-client';
import { spawnReady, stopChild } from '../child-process';
import { settledGatewayMemory } from './gateway-memory';
import { pinTree, type CpuPlan } from '../machine/pinning';
import { connectSocket } from '../sockets';
import { postJson, registerUsers } from '../targets/chat-api';

export interface StoredMemoryLevel {
  messages: number;
  rssKb: number;
  heapUsedKb: number;
  /** Messages stored per second on the way to this level (acks received). */
  storedPerSecond: number;
}

export interface StandaloneMemoryResult {
  levels: StoredMemoryLevel[];
  /** RSS at the last level over RSS at the first. */
  growth: number;
}

const SENDERS = 2;
const IN_FLIGHT_PER_SENDER = 250;

/** Sends until `total` messages of this run are acked, `IN_FLIGHT_PER_SENDER` at a time per socket. */
async function sendUntil(sockets: Socket[], roomId: string, from: number, total: number): Promise<void> {
  let next = from;
  await Promise.all(
    sockets.map(async (socket) => {
      const window: Promise<void>[] = [];
      while (next < total) {
        const n = next++;
        const send = (
          socket.timeout(30_000).emitWithAck('message:send', {
            roomId,
            clientMsgId: `memory-${n.toString().padStart(8, '0')}`,
            body: `${n}:${'x'.repeat(96)}`,
          }) as Promise<Ack<unknown>>
        ).then((ack) => {
          if (!ack.ok) throw new Error(`send ${n}: ${JSON.stringify(ack.error)}`);
        });
        window.push(send);
        if (window.length >= IN_FLIGHT_PER_SENDER) await window.shift();
      }
      await Promise.all(window);
    }),
  );
}

/**
 * The single process's memory as its history grows: the standalone server on its own SQLite database
 * (fsync on), RSS after each level of stored messages. Memory must follow the live state, not history.
 */
export async function measureStandaloneMemory(
  levels: number[],
  plan: CpuPlan | null,
): Promise<StandaloneMemoryResult> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-memory-'));
  const server = await spawnReady(
    process.execPath,
    [resolve(__dirname, '../../../standalone/src/main.js')],
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
      RATE_LIMIT_SEND_POINTS: '100000000',
      RATE_LIMIT_SOCKET_EVENT_POINTS: '100000000',
    },
    `${url}/readyz`,
  );
  pinTree([server.pid!], plan);
  const sockets: Socket[] = [];
  try {
    const [owner] = await registerUsers(url, 1);
    const room = await postJson<Room>(url, '/api/rooms', owner.accessToken, {
      name: 'memory',
      visibility: 'public',
    });
    for (let i = 0; i < SENDERS; i++) {
      const socket = await connectSocket(url, { auth: { token: owner.accessToken } });
      await socket.emitWithAck('room:join', { roomId: room.id });
      sockets.push(socket);
    }
    const measured: StoredMemoryLevel[] = [];
    let stored = 0;
    for (const level of [...levels].sort((a, b) => a - b)) {
      const began = Date.now();
      await sendUntil(sockets, room.id, stored, level);
      const storedPerSecond = Math.round(((level - stored) * 1000) / Math.max(1, Date.now() - began));
      stored = level;
      const memory = await settledGatewayMemory(server.pid!, url);
      measured.push({ messages: level, ...memory, storedPerSecond });
      console.log(
        `standalone memory: ${level} messages stored, RSS ${Math.round(memory.rssKb / 1024)} MB, ` +
          `heap ${Math.round(memory.heapUsedKb / 1024)} MB (${storedPerSecond} msg/s)`,
      );
    }
    const growth = measured[measured.length - 1].rssKb / measured[0].rssKb;
    return { levels: measured, growth: Math.round(growth * 100) / 100 };
  } finally {
    for (const socket of sockets) socket.close();
    await stopChild(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

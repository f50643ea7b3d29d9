import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import { Server } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { Channels } from '@chat/contracts';
import { testServers } from '@chat/testing';

/**
 * A bare Socket.IO server on the Redis adapter: just enough of a gateway to prove that the rooms service
 * reaches live sockets through the emitter. A socket names its user in the handshake and may join room
 * channels; the real gateway (with tokens and membership checks) is tested on its own.
 */
export async function startAdapterSocketServer() {
  const pub = new Redis(testServers().redisUrl);
  const sub = pub.duplicate();
  const http = createServer();
  const io = new Server(http, { adapter: createAdapter(pub, sub) });
  io.on('connection', (socket) => {
    void socket.join(Channels.user(String(socket.handshake.auth.userId)));
    socket.on('test:join', (roomId: string, ack: () => void) => {
      void socket.join(Channels.room(roomId));
      ack();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const clients: ClientSocket[] = [];

  return {
    io,
    async client(userId: string): Promise<ClientSocket> {
      const socket = connect(url, { auth: { userId }, transports: ['websocket'] });
      clients.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      return socket;
    },
    joinRoom(socket: ClientSocket, roomId: string): Promise<void> {
      return new Promise((resolve) => socket.emit('test:join', roomId, () => resolve()));
    },
    async close(): Promise<void> {
      for (const socket of clients) socket.disconnect();
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      pub.disconnect();
      sub.disconnect();
    },
  };
}

/** Resolves with the next payload of `event`, or rejects after `timeoutMs`. */
export function nextEvent<T = unknown>(socket: ClientSocket, event: string, timeoutMs = 2000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

/** Collects every payload of `event` from now on. */
export function collect<T = unknown>(socket: ClientSocket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

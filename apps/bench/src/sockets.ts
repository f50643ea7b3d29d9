import { io, type Socket } from 'socket.io-client';

/** A websocket-only client connection, resolved once connected. */
export function connectSocket(url: string, auth?: Record<string, string>): Promise<Socket> {
  const socket = io(url, { transports: ['websocket'], auth, reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Connects `count` clients, a few at a time, so the server is not measured on a connect storm. */
export async function connectMany(
  count: number,
  connect: (index: number) => Promise<Socket>,
): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let start = 0; start < count; start += 20) {
    const batch = Array.from({ length: Math.min(20, count - start) }, (_, i) => connect(start + i));
    sockets.push(...(await Promise.all(batch)));
  }
  return sockets;
}

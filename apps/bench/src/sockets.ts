import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';

/** Options of one bench connection. */
export interface ConnectOptions {
  auth?: Record<string, string>;
  /**
   * The loopback source address (127.0.0.x): nginx hashes on it to pick a gateway, and each address has
   * its own ephemeral ports. engine.io-client hands it to `ws`, though its typings do not list it.
   */
  localAddress?: string;
  /** @default false: a bench socket that drops should show as loss, not quietly come back. */
  reconnection?: boolean;
}

/** A websocket-only client connection, resolved once connected. */
export function connectSocket(url: string, options: ConnectOptions = {}): Promise<Socket> {
  const settings: Partial<ManagerOptions & SocketOptions> & { localAddress?: string } = {
    transports: ['websocket'],
    auth: options.auth,
    reconnection: options.reconnection ?? false,
    forceNew: true,
    localAddress: options.localAddress,
  };
  const socket = io(url, settings);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Connects `count` clients, `concurrency` at a time, so the server is not measured on a connect storm. */
export async function connectMany(
  count: number,
  connect: (index: number) => Promise<Socket>,
  concurrency = 20,
): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let start = 0; start < count; start += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, count - start) }, (_, i) => connect(start + i));
    sockets.push(...(await Promise.all(batch)));
  }
  return sockets;
}

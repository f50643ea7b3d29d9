import type { Socket } from 'socket.io-client';
import { connectSocket } from '../sockets';
import type { SwarmReply, SwarmRequest } from './swarm.protocol';

/**
 * One client process of the capacity swarm: holds thousands of sockets so that the parent stays light
 * and each process stays under the open-file limit. Driven over IPC (swarm.protocol.ts).
 */
const sockets: Socket[] = [];

/** What the chat's client SDK does after a drain or a server-side disconnect: come back after a while. */
function keepAlive(socket: Socket): void {
  const later = (ms: number) =>
    setTimeout(() => {
      if (!socket.connected) socket.connect();
    }, ms);
  socket.on('server:draining', ({ reconnectAfterMs }: { reconnectAfterMs: number }) => {
    socket.disconnect();
    later(reconnectAfterMs);
  });
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') later(500);
  });
  socket.on('connect_error', () => {
    if (!socket.active) later(500 + Math.random() * 1000);
  });
}

async function connectAll(request: Extract<SwarmRequest, { op: 'connect' }>): Promise<SwarmReply> {
  const started = Date.now();
  let failed = 0;
  let firstError: string | undefined;
  let next = 0;
  const worker = async () => {
    while (next < request.tokens.length) {
      const index = next++;
      try {
        const socket = await connectSocket(request.url, {
          auth: { token: request.tokens[index] },
          localAddress: request.addresses[index % request.addresses.length],
          reconnection: request.reconnection,
        });
        if (request.reconnection) keepAlive(socket);
        sockets.push(socket);
      } catch (error) {
        failed += 1;
        firstError ??= String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: request.concurrency }, worker));
  return { id: request.id, connected: sockets.length, failed, elapsedMs: Date.now() - started, firstError };
}

process.on('message', (request: SwarmRequest) => {
  const reply = (answer: SwarmReply) => process.send?.(answer);
  switch (request.op) {
    case 'connect':
      void connectAll(request).then(reply);
      break;
    case 'count':
      reply({ id: request.id, connected: sockets.filter((socket) => socket.connected).length });
      break;
    case 'close':
      for (const socket of sockets.splice(0)) socket.close();
      reply({ id: request.id, connected: 0 });
      break;
  }
});
process.send?.('ready');

import type { Socket } from 'socket.io-client';
import type { BenchPayload, BenchRoom } from '../bench-target';
import { connectMany, connectSocket } from '../sockets';

/** Receivers spread over the given server URLs; the sender on the first, so the others are remote. */
export async function rawRoom(urls: string[], receivers: number): Promise<BenchRoom> {
  const sockets = await connectMany(receivers, (index) => connectSocket(urls[index % urls.length]));
  const sender: Socket = await connectSocket(urls[0]);
  return {
    send: (payload: BenchPayload, body: string) =>
      sender.timeout(10_000).emitWithAck('send', { ...payload, body }) as Promise<void>,
    onDelivery: (handler) => {
      sockets.forEach((socket, index) => {
        const remote = index % urls.length !== 0;
        socket.on('msg', (payload: BenchPayload) => handler(payload, remote));
      });
    },
    close: () => {
      for (const socket of [...sockets, sender]) socket.close();
    },
  };
}

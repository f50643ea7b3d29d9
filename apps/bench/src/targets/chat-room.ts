import type { Ack, Message, Room, Session } from '@chat/contracts';
import type { Socket } from 'socket.io-client';
import type { BenchPayload, BenchRoom } from '../bench-target';
import { connectMany, connectSocket } from '../sockets';
import { postJson, registerUsers } from './chat-api';

/** Where each chat socket connects from; the default is one URL for all, from 127.0.0.1. */
export interface ChatRoomPlacement {
  /** Source address of receiver `index`, or of the sender when `index` is `'sender'`. */
  localAddress(index: number | 'sender'): string | undefined;
  /** Whether receiver `index` sits on another server process than the sender. */
  remote(index: number): boolean;
}

const LOCAL: ChatRoomPlacement = { localAddress: () => undefined, remote: () => false };

/**
 * The chat's own workload, the same for G1 and G2: `receivers + 1` registered users, one public room
 * they all join over HTTP, then a socket each that joins the room; the owner sends.
 */
export async function chatRoom(
  baseUrl: string,
  receivers: number,
  placement: ChatRoomPlacement = LOCAL,
): Promise<BenchRoom> {
  const [owner, ...members] = await registerUsers(baseUrl, receivers + 1);
  const room = await postJson<Room>(baseUrl, '/api/rooms', owner.accessToken, {
    name: 'bench',
    visibility: 'public',
  });
  for (const member of members) await postJson(baseUrl, `/api/rooms/${room.id}/join`, member.accessToken);
  const join = async (session: Session, localAddress: string | undefined): Promise<Socket> => {
    const socket = await connectSocket(baseUrl, { auth: { token: session.accessToken }, localAddress });
    await socket.emitWithAck('room:join', { roomId: room.id });
    return socket;
  };
  const sockets = await connectMany(members.length, (index) =>
    join(members[index], placement.localAddress(index)),
  );
  const sender = await join(owner, placement.localAddress('sender'));
  let sent = 0;
  return {
    send: async (payload: BenchPayload, body: string) => {
      sent += 1;
      const answer = (await sender.timeout(10_000).emitWithAck('message:send', {
        roomId: room.id,
        clientMsgId: `bench-${sent.toString(36)}-${payload.n}`,
        body: `${payload.n}:${payload.t}:${body}`,
      })) as Ack<unknown>;
      if (!answer.ok) throw new Error(answer.error.code);
    },
    onDelivery: (handler) => {
      sockets.forEach((socket, index) => {
        const remote = placement.remote(index);
        socket.on('message:new', (message: Message) => {
          const [n, t] = message.body.split(':', 2).map(Number);
          handler({ n, t }, remote);
        });
      });
    },
    close: () => {
      for (const socket of [...sockets, sender]) socket.close();
    },
  };
}

import type { ErrorBody } from './error-envelope';
import type { Message, MessagePage, Room } from './rooms.types';

/** Every client→server event is answered through its ack with this envelope. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export interface PresenceEntry {
  userId: string;
  status: 'online' | 'offline';
  lastSeenAt: string | null;
}

/** Payloads and ack data of each client→server event (PROTOCOL.md §Socket.IO). */
export interface ClientEventMap {
  'room:join': {
    payload: { roomId: string; sinceSeq?: number; sinceRev?: number };
    data: {
      room: Room;
      missed: Message[];
      hasMore: boolean;
      /** With `sinceRev`: the messages changed after it that are not in `missed`, oldest change first. */
      changed?: Message[];
      /** The rev through which this answer is complete: resume with it as `sinceRev`. */
      revThrough: number;
    };
  };
  'room:leave': { payload: { roomId: string }; data: Record<string, never> };
  'message:send': {
    payload: { roomId: string; clientMsgId: string; body: string; attachmentIds?: string[] };
    data: { message: Message };
  };
  'message:edit': {
    payload: { roomId: string; messageId: string; body: string };
    data: { message: Message };
  };
  'message:delete': { payload: { roomId: string; messageId: string }; data: Record<string, never> };
  'reaction:add': {
    payload: { roomId: string; messageId: string; emoji: string };
    data: { message: Message };
  };
  'reaction:remove': {
    payload: { roomId: string; messageId: string; emoji: string };
    data: { message: Message };
  };
  'typing:start': { payload: { roomId: string }; data: Record<string, never> };
  'typing:stop': { payload: { roomId: string }; data: Record<string, never> };
  'read:mark': { payload: { roomId: string; seq: number }; data: { lastReadSeq: number } };
  'presence:get': { payload: { userIds: string[] }; data: { items: PresenceEntry[] } };
  /** A fresh access token of the same session; the socket then lives until that token expires. */
  'auth:renew': { payload: { token: string }; data: { expiresAt: string } };
}

export type ClientEventName = keyof ClientEventMap;

/** The typed map for `socket.io-client`: `Socket<ServerToClientEvents, ClientToServerEvents>`. */
export type ClientToServerEvents = {
  [E in ClientEventName]: (
    payload: ClientEventMap[E]['payload'],
    ack: (answer: Ack<ClientEventMap[E]['data']>) => void,
  ) => void;
};

export type { MessagePage };

export const SocketLimits = {
  /** A frame over this closes the connection (`maxHttpBufferSize`). */
  maxFrameBytes: 64 * 1024,
  maxJoinedRooms: 500,
  missedPageSize: 100,
  presenceBatch: 200,
  typingExpiryMs: 6000,
} as const;

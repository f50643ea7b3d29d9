import type { Announcement, Message, MessageDeletedEvent, Room } from './rooms.types';

/** Server → client events (PROTOCOL.md §Socket.IO), shared by the gateway, the emitters and clients. */
export interface ServerToClientEvents {
  'message:new': (message: Message) => void;
  'message:updated': (message: Message) => void;
  'message:deleted': (payload: MessageDeletedEvent) => void;
  typing: (payload: { roomId: string; userId: string; typing: boolean }) => void;
  presence: (payload: { userId: string; status: 'online' | 'offline'; lastSeenAt: string | null }) => void;
  'room:member-joined': (payload: { roomId: string; userId: string }) => void;
  'room:member-left': (payload: { roomId: string; userId: string }) => void;
  'room:updated': (room: Room) => void;
  'room:deleted': (payload: { roomId: string }) => void;
  'room:invited': (room: Room) => void;
  'room:removed': (payload: { roomId: string }) => void;
  announcement: (announcement: Announcement) => void;
  'server:draining': (payload: { reconnectAfterMs: number }) => void;
  /** The socket's access token expired without `auth:renew`; the server disconnects it right after. */
  'auth:expired': (payload: { code: string; message: string }) => void;
  error: (payload: { code: string; message: string }) => void;
}

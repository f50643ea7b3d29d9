import type { User } from './auth.types';

export type RoomKind = 'room' | 'direct';
export type RoomVisibility = 'public' | 'private';
export type RoomRole = 'owner' | 'admin' | 'member';

/** PROTOCOL.md §Objects: Room. Direct rooms have `name:null`, `ownerId:null` and `memberIds`. */
export interface Room {
  id: string;
  kind: RoomKind;
  name: string | null;
  topic: string;
  visibility: RoomVisibility;
  ownerId: string | null;
  memberCount: number;
  lastSeq: number;
  createdAt: string;
  lastActivityAt: string;
  memberIds?: string[];
  /** Only in `scope=joined` lists. */
  unread?: number;
  lastReadSeq?: number;
}

export interface Member {
  user: User;
  role: RoomRole;
  joinedAt: string;
}

export interface Message {
  id: string;
  roomId: string;
  seq: number;
  senderId: string;
  clientMsgId: string;
  body: string;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  reactions: Record<string, string[]>;
}

export interface Announcement {
  id: string;
  text: string;
  authorId: string;
  createdAt: string;
  expiresAt: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface MessagePage {
  items: Message[];
  hasMore: boolean;
}

/** Socket.IO room names: every replica and every emitter agrees on them. */
export const Channels = {
  user: (userId: string) => `user:${userId}`,
  session: (sessionId: string) => `session:${sessionId}`,
  room: (roomId: string) => `room:${roomId}`,
} as const;

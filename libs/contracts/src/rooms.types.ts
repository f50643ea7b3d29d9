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
  /**
   * The room's change counter at this message's latest change (its creation, an edit, its deletion or a
   * reaction): increases strictly per room and is never reused (PROTOCOL.md 1.1).
   */
  rev: number;
  senderId: string;
  clientMsgId: string;
  body: string;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  reactions: Record<string, string[]>;
  /** Files sent with the message (1.1); `[]` for none, and on a tombstone. */
  attachments: Attachment[];
  /** Members named as `@username` in the body, resolved when the message was stored (1.1); `[]` on a tombstone. */
  mentions: string[];
}

/** A file uploaded to a room (PROTOCOL.md 1.1). */
export interface Attachment {
  id: string;
  roomId: string;
  /** The file's name as uploaded, without path parts, control characters or bidi overrides. */
  name: string;
  /** From the file's bytes, not from the upload's claim; `application/octet-stream` when unknown. */
  contentType: string;
  size: number;
  /** Pixel size, for images. */
  width?: number;
  height?: number;
  /** Where the preview (at most 320 px, WebP, no metadata) is fetched, for images. */
  thumbnail?: string;
}

/** Which messages of a room notify a member who is away (1.1): default `mentions`, `all` in direct rooms. */
export type NotificationLevel = 'all' | 'mentions' | 'none';

export const NOTIFICATION_LEVELS: readonly NotificationLevel[] = ['all', 'mentions', 'none'];

export interface RoomNotifications {
  roomId: string;
  level: NotificationLevel;
}

/** A short-lived URL that fetches an attachment without the access token (for `<img src>`, downloads). */
export interface AttachmentUrl {
  url: string;
  expiresAt: string;
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
  /**
   * With `afterRev` only: every change with a rev up to this one is reflected in `items` or was already
   * behind `afterRev`, so the next page (or a resume) asks for `afterRev = revThrough`.
   */
  revThrough?: number;
}

/** What a `message:deleted` event carries: the reference, and the tombstone itself (1.1). */
export interface MessageDeletedEvent extends Message {
  messageId: string;
  message: Message;
}

/** Socket.IO room names: every replica and every emitter agrees on them. */
export const Channels = {
  user: (userId: string) => `user:${userId}`,
  session: (sessionId: string) => `session:${sessionId}`,
  room: (roomId: string) => `room:${roomId}`,
} as const;

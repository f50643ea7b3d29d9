import type { RoomKind, RoomRole, RoomVisibility, NotificationLevel } from '@chat/contracts';

/**
 * A room or a direct conversation. `lastSeq` is the room's message counter: the messages library reserves
 * seqs through RoomSequences, and unread counts derive from it. A direct room's id derives from its
 * sorted pair of users, so the pair has exactly one.
 */
export interface RoomRecord {
  id: string;
  kind: RoomKind;
  name: string | null;
  /** Directory search by name prefix, ignoring case. */
  nameLower: string | null;
  topic: string;
  visibility: RoomVisibility;
  ownerId: string | null;
  memberIds: string[];
  memberCount: number;
  lastSeq: number;
  createdAt: Date;
  lastActivityAt: Date;
}

export type RoomChanges = Partial<
  Pick<RoomRecord, 'name' | 'nameLower' | 'topic' | 'visibility' | 'ownerId'>
>;

/** Its id derives from `roomId:userId`: joining twice, even concurrently, leaves one membership. */
export interface MembershipRecord {
  id: string;
  roomId: string;
  userId: string;
  role: RoomRole;
  joinedAt: Date;
  /** Read marker: never moves backwards; unread = room.lastSeq − lastReadSeq. */
  lastReadSeq: number;
  /** The member's own choice; unset means the room kind's default. */
  notificationLevel?: NotificationLevel;
}

export interface NewMember {
  userId: string;
  role: RoomRole;
  lastReadSeq: number;
}

export interface DirectoryQuery {
  namePrefix?: string;
  beforeId?: string;
  limit: number;
}

/**
 * A room's two counters after a reservation: `lastSeq` numbers its messages, `lastRev` every change to
 * them (PROTOCOL.md 1.1). Both only grow.
 */
export interface RoomCounters {
  lastSeq: number;
  lastRev: number;
}

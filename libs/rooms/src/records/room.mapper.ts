import type { Room } from '@chat/contracts';
import { isoTime } from '@chat/platform/mongo';
import type { MembershipRecord, RoomRecord } from './room.record';

/** The contract's Room; with a membership, the joined-list fields `unread` and `lastReadSeq` too. */
export function toRoom(record: RoomRecord, membership?: MembershipRecord | null): Room {
  const room: Room = {
    id: record.id,
    kind: record.kind,
    name: record.name,
    topic: record.topic,
    visibility: record.visibility,
    ownerId: record.ownerId,
    memberCount: record.memberCount,
    lastSeq: record.lastSeq,
    createdAt: isoTime(record.createdAt),
    lastActivityAt: isoTime(record.lastActivityAt),
  };
  if (record.kind === 'direct') room.memberIds = record.memberIds;
  if (membership) {
    room.lastReadSeq = Math.min(membership.lastReadSeq, record.lastSeq);
    room.unread = record.lastSeq - room.lastReadSeq;
  }
  return room;
}

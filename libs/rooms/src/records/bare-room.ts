import type { RoomRecord } from './room.record';

/** A public room with no members and no owner's membership: for tools that exercise storage directly (tests, benchmarks). */
export function bareRoomRecord(id: string, now = new Date()): RoomRecord {
  return {
    id,
    kind: 'room',
    name: 'bare',
    nameLower: 'bare',
    topic: '',
    visibility: 'public',
    ownerId: 'o',
    memberIds: [],
    memberCount: 0,
    lastSeq: 0,
    createdAt: now,
    lastActivityAt: now,
  };
}

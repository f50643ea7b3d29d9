import type { RoomKind, RoomRole, RoomVisibility, NotificationLevel } from '@chat/contracts';
import type { MembershipRecord, RoomRecord } from '../room.record';

export interface RoomRow {
  id: string;
  kind: RoomKind;
  name: string | null;
  name_lower: string | null;
  topic: string;
  visibility: RoomVisibility;
  owner_id: string | null;
  member_ids: string;
  member_count: number;
  last_seq: number;
  created_at: number;
  last_activity_at: number;
}

export interface MembershipRow {
  id: string;
  room_id: string;
  user_id: string;
  role: RoomRole;
  joined_at: number;
  last_read_seq: number;
  notification_level: NotificationLevel | null;
}

export function roomFromRow(row: RoomRow): RoomRecord {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    nameLower: row.name_lower,
    topic: row.topic,
    visibility: row.visibility,
    ownerId: row.owner_id,
    memberIds: JSON.parse(row.member_ids) as string[],
    memberCount: row.member_count,
    lastSeq: row.last_seq,
    createdAt: new Date(row.created_at),
    lastActivityAt: new Date(row.last_activity_at),
  };
}

export function membershipFromRow(row: MembershipRow): MembershipRecord {
  return {
    id: row.id,
    roomId: row.room_id,
    userId: row.user_id,
    role: row.role,
    joinedAt: new Date(row.joined_at),
    lastReadSeq: row.last_read_seq,
    ...(row.notification_level ? { notificationLevel: row.notification_level } : {}),
  };
}

export function membershipParams(record: MembershipRecord) {
  return {
    id: record.id,
    room_id: record.roomId,
    user_id: record.userId,
    role: record.role,
    joined_at: record.joinedAt.getTime(),
    last_read_seq: record.lastReadSeq,
  };
}

export const INSERT_MEMBERSHIP = `INSERT INTO memberships (id, room_id, user_id, role, joined_at, last_read_seq)
  VALUES (@id, @room_id, @user_id, @role, @joined_at, @last_read_seq) ON CONFLICT DO NOTHING`;

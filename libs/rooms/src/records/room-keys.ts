import { idFromKey } from '@chat/platform/ids';
import type { MembershipRecord, NewMember } from './room.record';

export function membershipIdFor(roomId: string, userId: string): string {
  return idFromKey(`membership:${roomId}:${userId}`);
}

/** The one direct room of two users, whoever asks first. */
export function directRoomIdFor(userA: string, userB: string): string {
  const [first, second] = [userA, userB].sort();
  return idFromKey(`direct:${first}:${second}`);
}

export function newMembership(roomId: string, member: NewMember, joinedAt = new Date()): MembershipRecord {
  return { id: membershipIdFor(roomId, member.userId), roomId, ...member, joinedAt };
}

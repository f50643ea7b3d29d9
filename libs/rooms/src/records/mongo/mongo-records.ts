import { timeMs } from '@chat/platform/mongo';
import type { MembershipRecord, RoomRecord } from '../room.record';
import type { MembershipDocument } from './membership.schema';
import type { RoomDocument } from './room.schema';

/** Lean reads of the embedded test store may hold dates as ISO strings. */
const asDate = (value: Date | string) => new Date(timeMs(value));

export function roomFromDocument(document: RoomDocument): RoomRecord {
  const { _id, memberCountOps: _ops, ...rest } = document;
  return {
    ...rest,
    id: _id.toHexString(),
    createdAt: asDate(rest.createdAt),
    lastActivityAt: asDate(rest.lastActivityAt),
  };
}

export function membershipFromDocument(document: MembershipDocument): MembershipRecord {
  const { _id, ...rest } = document;
  return { ...rest, id: _id.toHexString(), joinedAt: asDate(rest.joinedAt) };
}

/**
 * The id of a membership's effect on its room's count. It names the membership instance (a re-join is a
 * new instance, with a new `joinedAt`), so every caller that adds or removes that instance, retries
 * included, applies the same change once.
 */
export function memberCountOp(change: 'join' | 'leave', membership: MembershipRecord): string {
  return `${change}:${membership.id}:${membership.joinedAt.getTime()}`;
}

import type { Types } from 'mongoose';
import { objectIdFromKey } from '@chat/platform';

export function membershipIdFor(roomId: string, userId: string): Types.ObjectId {
  return objectIdFromKey(`membership:${roomId}:${userId}`);
}

/** The one direct room of two users, whoever asks first. */
export function directRoomIdFor(userA: string, userB: string): Types.ObjectId {
  const [first, second] = [userA, userB].sort();
  return objectIdFromKey(`direct:${first}:${second}`);
}

import type { Types } from 'mongoose';
import { objectIdFromKey } from '@chat/platform';

export function foldUsername(username: string): string {
  return username.toLowerCase();
}

/** The user's id, derived from the case-folded name: the name's reservation and the user are one document. */
export function userIdForUsername(username: string): Types.ObjectId {
  return objectIdFromKey(`username:${foldUsername(username)}`);
}

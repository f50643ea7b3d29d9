import { idFromKey } from '@chat/platform/ids';

export function foldUsername(username: string): string {
  return username.toLowerCase();
}

/** The user's id, derived from the case-folded name: the name's reservation and the user are one record. */
export function userIdForUsername(username: string): string {
  return idFromKey(`username:${foldUsername(username)}`);
}

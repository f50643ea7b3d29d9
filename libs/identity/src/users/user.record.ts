import type { GlobalRole } from '@chat/contracts';

/**
 * `id` derives from the case-folded username (see usernameKey), so two users whose names differ only in
 * case cannot both exist: the name's reservation and the user are one record.
 */
export interface UserRecord {
  id: string;
  username: string;
  /** Prefix search and login ignore case. */
  usernameLower: string;
  displayName: string;
  passwordHash: string;
  roles: GlobalRole[];
  createdAt: Date;
}

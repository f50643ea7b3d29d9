import type { GlobalRole } from '@chat/contracts';

/** The authenticated caller, as every service sees it after verification. */
export interface AuthUser {
  userId: string;
  sessionId: string;
  roles: GlobalRole[];
  /** When the presented access token expires (ms since the epoch); a socket ends, or renews, by then. */
  expiresAt?: number;
}

export function isGlobalAdmin(user: AuthUser): boolean {
  return user.roles.includes('admin');
}

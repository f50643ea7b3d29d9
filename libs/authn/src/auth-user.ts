import type { GlobalRole } from '@chat/contracts';

/** The authenticated caller, as every service sees it after verification. */
export interface AuthUser {
  userId: string;
  sessionId: string;
  roles: GlobalRole[];
}

export function isGlobalAdmin(user: AuthUser): boolean {
  return user.roles.includes('admin');
}

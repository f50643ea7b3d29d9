import type { Session } from '@chat/contracts';

/**
 * Runs `task` while holding the lock `name`, so that only one holder of a session refreshes at a time.
 * Resolves with what the task resolves with.
 */
export type RefreshLock = <T>(name: string, task: () => Promise<T>) => Promise<T>;

/** The part of the Web Locks API used here (browsers; Node has it too, within one process). */
interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** Without Web Locks nothing is shared to coordinate with: the task just runs. */
const unlocked: RefreshLock = (_name, task) => task();

/**
 * The Web Lock of this origin when there is one: every tab sharing the session's store then waits for
 * the others' refresh instead of presenting the same refresh token at the same moment.
 */
export function webRefreshLock(): RefreshLock {
  const locks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
  if (typeof locks?.request !== 'function') return unlocked;
  return (name, task) => locks.request(name, task);
}

/** One lock per session: `chat-refresh:<sid>`, the `sid` claim of its access tokens (else per user). */
export function refreshLockName(session: Session): string {
  return `chat-refresh:${sessionIdOf(session.accessToken) ?? `user-${session.user.id}`}`;
}

function sessionIdOf(accessToken: string): string | null {
  try {
    const payload = accessToken.split('.')[1] ?? '';
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(base64)) as { sid?: unknown };
    return typeof claims.sid === 'string' ? claims.sid : null;
  } catch {
    return null;
  }
}

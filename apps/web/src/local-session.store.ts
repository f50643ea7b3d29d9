import type { SessionStore, StoredSession } from '@chat/client-sdk';

const KEY = 'chat.session';

/** The session in `localStorage`, so a reload keeps it. */
export class LocalSessionStore implements SessionStore {
  load(): StoredSession | null {
    try {
      const raw = localStorage.getItem(KEY);
      return raw ? (JSON.parse(raw) as StoredSession) : null;
    } catch {
      return null;
    }
  }

  save(session: StoredSession | null): void {
    if (session) localStorage.setItem(KEY, JSON.stringify(session));
    else localStorage.removeItem(KEY);
  }
}

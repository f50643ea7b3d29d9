import type { Session } from '@chat/contracts';

/** A session as kept between runs: the wire `Session` plus when its access token expires. */
export interface StoredSession extends Session {
  /** Milliseconds since the epoch. */
  accessExpiresAt: number;
}

/**
 * Where the client keeps its session: memory, `localStorage` in the web client, a file in the CLI.
 * Refresh tokens rotate on every use, so `save` is called after every refresh.
 */
export interface SessionStore {
  load(): StoredSession | null;
  save(session: StoredSession | null): void;
}

export class MemorySessionStore implements SessionStore {
  private session: StoredSession | null = null;

  load(): StoredSession | null {
    return this.session;
  }

  save(session: StoredSession | null): void {
    this.session = session;
  }
}

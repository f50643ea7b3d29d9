import type { Session } from '@chat/contracts';
import { ChatApiError, SessionEndedError } from './errors';
import { refreshLockName, webRefreshLock, type RefreshLock } from './refresh-lock';
import type { SessionStore, StoredSession } from './session-store';
import {
  DEFAULT_REFRESH_POLICY,
  expiryOf,
  refreshDelayMs,
  scheduledRefreshDelayMs,
  type RefreshPolicy,
} from './token-schedule';

const RETRY_AFTER_NETWORK_ERROR_MS = 5_000;

/**
 * Holds the session and renews its access token before it expires: on a timer, and on demand when
 * a caller finds it due. One refresh runs at a time, because a refresh token is spent by its first use
 * and presenting it twice would revoke the whole session (the server forgives it only for a few
 * seconds). Across tabs sharing the store, the refresh runs under a lock, and the store is read again
 * once it is held.
 */
export class TokenKeeper {
  private current: StoredSession | null = null;
  private inFlight?: Promise<StoredSession>;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly renew: (refreshToken: string) => Promise<Session>,
    private readonly store: SessionStore,
    private readonly onChange: (session: StoredSession | null, reason: 'renewed' | 'ended') => void,
    private readonly policy: RefreshPolicy = DEFAULT_REFRESH_POLICY,
    private readonly lock: RefreshLock = webRefreshLock(),
  ) {}

  get session(): StoredSession | null {
    return this.current;
  }

  /** Takes a fresh session from login, register or refresh. */
  adopt(session: Session, now = Date.now()): StoredSession {
    const stored: StoredSession = { ...session, accessExpiresAt: expiryOf(now, session.expiresIn) };
    this.set(stored);
    return stored;
  }

  /** Picks up the session saved by an earlier run, if any. */
  restore(): StoredSession | null {
    const stored = this.store.load();
    if (stored) this.set(stored);
    return stored;
  }

  /** A usable access token, renewed first when it is due. */
  async accessToken(): Promise<string> {
    const session = this.current;
    if (!session) throw new SessionEndedError('Not logged in');
    if (this.delay(session) > 0) return session.accessToken;
    return (await this.refresh()).accessToken;
  }

  /** Renews now (single flight). A refused refresh ends the session. */
  refresh(): Promise<StoredSession> {
    this.inFlight ??= this.doRefresh().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** Forgets the session here and in the store. */
  clear(): void {
    this.stop();
    this.current = null;
    this.store.save(null);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async doRefresh(): Promise<StoredSession> {
    const session = this.current;
    if (!session) throw new SessionEndedError('Not logged in');
    return this.lock(refreshLockName(session), () => this.refreshHoldingLock());
  }

  private async refreshHoldingLock(): Promise<StoredSession> {
    const session = this.current;
    if (!session) throw new SessionEndedError('Not logged in');
    // Another tab or process sharing the store may have rotated the token, perhaps while this one
    // waited for the lock: use theirs.
    const stored = this.store.load();
    if (
      stored &&
      stored.refreshToken !== session.refreshToken &&
      stored.accessExpiresAt > session.accessExpiresAt
    ) {
      this.set(stored);
      if (this.delay(stored) > 0) return stored;
    }
    try {
      const renewed = this.adopt(await this.renew(this.current!.refreshToken));
      this.onChange(renewed, 'renewed');
      return renewed;
    } catch (error) {
      if (error instanceof ChatApiError && (error.status === 401 || error.status === 403)) {
        this.clear();
        this.onChange(null, 'ended');
        throw new SessionEndedError(error.message);
      }
      this.schedule(RETRY_AFTER_NETWORK_ERROR_MS);
      throw error;
    }
  }

  private set(session: StoredSession): void {
    this.current = session;
    this.store.save(session);
    this.schedule(
      scheduledRefreshDelayMs(session.accessExpiresAt, session.expiresIn * 1000, Date.now(), this.policy),
    );
  }

  private delay(session: StoredSession): number {
    return refreshDelayMs(session.accessExpiresAt, session.expiresIn * 1000, Date.now(), this.policy);
  }

  private schedule(delayMs: number): void {
    this.stop();
    this.timer = setTimeout(() => {
      this.refresh().catch(() => undefined);
    }, delayMs);
    // In Node, a pending renewal must not keep a finished command alive.
    (this.timer as { unref?: () => void }).unref?.();
  }
}

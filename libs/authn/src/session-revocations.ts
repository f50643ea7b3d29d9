import { Inject, Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import { ErrorCode } from '@chat/contracts';
import { KeyValueStore, MessageBus } from '@chat/platform/engine';
import { AppError } from '@chat/platform/errors';
import { withDeadline } from '@chat/platform/store';
import { AUTHN_OPTIONS, type AuthnOptions } from './authn.options';
import { RevokedSessionsLedger } from './revoked-sessions.ledger';

export const SESSION_REVOKED_CHANNEL = 'chat:session-revoked';

/** How often a revocation that could not be spread is tried again. */
const RESPREAD_EVERY_MS = 2_000;
/** Past this many pending re-spreads the oldest is dropped; the ledger still answers for it. */
const MAX_PENDING_RESPREADS = 10_000;
const LEDGER_DEADLINE_MS = 5_000;

/**
 * The revocation list keyed by session id. An entry lives as long as an access token can, after which
 * every token of that session has expired anyway. The publish lets gateways disconnect live sockets.
 *
 * Fails closed: the list in Redis is the fast path, the sessions store (the ledger) the record. When
 * Redis cannot answer, the ledger does; when neither can, the token is refused as UNAVAILABLE.
 */
@Injectable()
export class SessionRevocations implements OnApplicationShutdown {
  private readonly logger = new Logger(SessionRevocations.name);
  private readonly pending = new Map<string, { timer: NodeJS.Timeout; until: number }>();

  constructor(
    private readonly store: KeyValueStore,
    private readonly bus: MessageBus,
    @Inject(AUTHN_OPTIONS) private readonly options: AuthnOptions,
    @Optional() private readonly ledger?: RevokedSessionsLedger,
  ) {}

  /**
   * Callers mark the session revoked in the store first (refresh is refused from then on, and the ledger
   * answers for it); this spreads it to every service's list and to live sockets. When that fails it is
   * retried in the background, and the caller gets UNAVAILABLE so that a client retries its logout.
   */
  async revoke(sessionId: string): Promise<void> {
    try {
      await this.spread(sessionId);
    } catch (error) {
      this.logger.error(`could not spread the revocation of session ${sessionId} yet: ${String(error)}`);
      this.respreadLater(sessionId, Date.now() + this.listTtlMs());
      throw new AppError(
        ErrorCode.UNAVAILABLE,
        'The session is revoked, but not every service has heard yet; retry the logout',
      );
    }
  }

  /** @throws AppError UNAVAILABLE when neither the list nor the ledger can answer */
  async isRevoked(sessionId: string): Promise<boolean> {
    try {
      return (await this.store.get(this.key(sessionId))) !== null;
    } catch (listError) {
      if (!this.ledger) throw this.unanswerable(sessionId, listError);
      try {
        return await withDeadline(this.ledger.isRevoked(sessionId), LEDGER_DEADLINE_MS, 'the session store');
      } catch (ledgerError) {
        throw this.unanswerable(sessionId, ledgerError);
      }
    }
  }

  onRevoked(handler: (sessionId: string) => void): Promise<void> {
    return this.bus.subscribe(SESSION_REVOKED_CHANNEL, handler);
  }

  onApplicationShutdown(): void {
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private async spread(sessionId: string): Promise<void> {
    await this.store.set(this.key(sessionId), '1', this.listTtlMs());
    await this.bus.publish(SESSION_REVOKED_CHANNEL, sessionId);
  }

  private respreadLater(sessionId: string, until: number): void {
    clearTimeout(this.pending.get(sessionId)?.timer);
    this.pending.delete(sessionId);
    if (Date.now() >= until) return;
    if (this.pending.size >= MAX_PENDING_RESPREADS) {
      const [oldest, entry] = this.pending.entries().next().value!;
      clearTimeout(entry.timer);
      this.pending.delete(oldest);
    }
    const timer = setTimeout(() => {
      this.pending.delete(sessionId);
      this.spread(sessionId).then(
        () => this.logger.log(`revocation of session ${sessionId} spread after a retry`),
        () => this.respreadLater(sessionId, until),
      );
    }, RESPREAD_EVERY_MS);
    timer.unref();
    this.pending.set(sessionId, { timer, until });
  }

  private unanswerable(sessionId: string, cause: unknown): AppError {
    this.logger.warn(`cannot tell whether session ${sessionId} is revoked; refusing: ${String(cause)}`);
    return new AppError(ErrorCode.UNAVAILABLE, 'Sessions cannot be checked right now; retry shortly');
  }

  /** Every access token of the session has expired by then (plus clock skew). */
  private listTtlMs(): number {
    return this.options.accessTokenTtlSeconds * 1000 + 60_000;
  }

  private key(sessionId: string): string {
    return `revoked:sid:${sessionId}`;
  }
}

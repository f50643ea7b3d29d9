import { Inject, Injectable, Logger } from '@nestjs/common';
import { KeyValueStore, MessageBus } from '@chat/platform';
import { AUTHN_OPTIONS, type AuthnOptions } from './authn.options';

export const SESSION_REVOKED_CHANNEL = 'chat:session-revoked';

/**
 * The revocation list keyed by session id. An entry lives as long as an access token can, after which
 * every token of that session has expired anyway. The publish lets gateways disconnect live sockets.
 */
@Injectable()
export class SessionRevocations {
  private readonly logger = new Logger(SessionRevocations.name);

  constructor(
    private readonly store: KeyValueStore,
    private readonly bus: MessageBus,
    @Inject(AUTHN_OPTIONS) private readonly options: AuthnOptions,
  ) {}

  /**
   * Callers mark the session revoked in MongoDB first (refresh is refused from then on); this spreads it
   * to access tokens and live sockets. While Redis is unreachable that part is logged and skipped.
   */
  async revoke(sessionId: string): Promise<void> {
    try {
      await this.store.set(this.key(sessionId), '1', this.options.accessTokenTtlSeconds * 1000 + 60_000);
      await this.bus.publish(SESSION_REVOKED_CHANNEL, sessionId);
    } catch (error) {
      this.logger.error(`could not spread the revocation of session ${sessionId}: ${String(error)}`);
    }
  }

  /**
   * Fails open while the engine is unreachable: chat keeps working through a Redis outage, and a revoked
   * session's access tokens (at most ACCESS_TOKEN_TTL_SECONDS old) are then accepted until it returns.
   */
  async isRevoked(sessionId: string): Promise<boolean> {
    try {
      return (await this.store.get(this.key(sessionId))) !== null;
    } catch (error) {
      this.logger.warn(`revocation list unreachable; accepting session ${sessionId}: ${String(error)}`);
      return false;
    }
  }

  onRevoked(handler: (sessionId: string) => void): Promise<void> {
    return this.bus.subscribe(SESSION_REVOKED_CHANNEL, handler);
  }

  private key(sessionId: string): string {
    return `revoked:sid:${sessionId}`;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { KeyValueStore, MessageBus } from '@chat/platform';
import { AUTHN_OPTIONS, type AuthnOptions } from './authn.options';

export const SESSION_REVOKED_CHANNEL = 'chat:session-revoked';

/**
 * The revocation list keyed by session id. An entry lives as long as an access token can, after which
 * every token of that session has expired anyway. The publish lets gateways disconnect live sockets.
 */
@Injectable()
export class SessionRevocations {
  constructor(
    private readonly store: KeyValueStore,
    private readonly bus: MessageBus,
    @Inject(AUTHN_OPTIONS) private readonly options: AuthnOptions,
  ) {}

  async revoke(sessionId: string): Promise<void> {
    await this.store.set(this.key(sessionId), '1', this.options.accessTokenTtlSeconds * 1000 + 60_000);
    await this.bus.publish(SESSION_REVOKED_CHANNEL, sessionId);
  }

  async isRevoked(sessionId: string): Promise<boolean> {
    return (await this.store.get(this.key(sessionId))) !== null;
  }

  onRevoked(handler: (sessionId: string) => void): Promise<void> {
    return this.bus.subscribe(SESSION_REVOKED_CHANNEL, handler);
  }

  private key(sessionId: string): string {
    return `revoked:sid:${sessionId}`;
  }
}

import { Injectable } from '@nestjs/common';
import type { ClientEventMap } from '@chat/contracts';
import { AccessTokenVerifier } from '@chat/authn';
import { AppError } from '@chat/platform/errors';
import type { ChatSocket } from '../chat-socket';
import type { SocketEventHandler } from '../dispatch/socket-event-handler';
import { RenewAuthDto } from '../dto/renew-auth.dto';
import { SocketSessionWatch } from '../session-watch/socket-session-watch';

type RenewData = ClientEventMap['auth:renew']['data'];

/**
 * Re-authenticates a live socket with a fresh access token, checked exactly as at the handshake. The
 * token must belong to the same user and session: a socket never changes hands.
 */
@Injectable()
export class AuthRenewHandler implements SocketEventHandler<RenewAuthDto, RenewData> {
  readonly event = 'auth:renew';
  readonly dto = RenewAuthDto;
  readonly limit = 'event';

  constructor(
    private readonly verifier: AccessTokenVerifier,
    private readonly watch: SocketSessionWatch,
  ) {}

  async handle(socket: ChatSocket, { token }: RenewAuthDto): Promise<RenewData> {
    const current = socket.data.user;
    const fresh = await this.verifier.verify(token);
    if (fresh.userId !== current.userId || fresh.sessionId !== current.sessionId) {
      throw AppError.forbidden('The token belongs to another session');
    }
    socket.data.user = fresh;
    this.watch.renewed(socket);
    const expiresAt = fresh.expiresAt ?? Date.now();
    return { expiresAt: new Date(expiresAt).toISOString() };
  }
}

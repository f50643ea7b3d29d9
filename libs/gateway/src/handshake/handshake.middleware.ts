import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode } from '@chat/contracts';
import { AccessTokenVerifier } from '@chat/authn';
import { AppError, toErrorBody } from '@chat/platform/errors';
import type { ChatSocket } from '../chat-socket';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../gateway.options';
import { DrainState } from '../drain/drain.state';
import { PresenceStore } from '../presence/presence.store';
import { isOriginAllowed } from './origin-policy';

type Next = (error?: Error) => void;

const SOCKET_CAP_RETRY_AFTER_MS = 5_000;

/** A Socket.IO middleware error: `data` reaches the client's `connect_error`. */
function refusal(error: unknown): Error & { data: unknown } {
  const body = toErrorBody(error);
  return Object.assign(new Error(body.message), { data: body });
}

/** Runs on every handshake: draining, Origin, then the access token (JWKS, algorithm pinned, revocation). */
@Injectable()
export class HandshakeMiddleware {
  constructor(
    private readonly verifier: AccessTokenVerifier,
    private readonly drain: DrainState,
    private readonly presence: PresenceStore,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
  ) {}

  readonly use = (socket: ChatSocket, next: Next): void => {
    void this.check(socket).then(
      () => next(),
      (error: unknown) => next(refusal(error)),
    );
  };

  private async check(socket: ChatSocket): Promise<void> {
    if (this.drain.draining) throw new AppError(ErrorCode.UNAVAILABLE, 'This server is draining; reconnect');
    const { headers, secure } = socket.handshake;
    if (!isOriginAllowed({ headers, secure }, this.options.allowedOrigins)) {
      throw AppError.forbidden('Origin not allowed');
    }
    const token: unknown = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof token !== 'string' || token.length === 0 || token.length > 8192) {
      throw AppError.unauthorized('An access token is required');
    }
    socket.data.user = await this.verifier.verify(token);
    await this.checkSocketCap(socket.data.user.userId);
  }

  /** A soft cap: when presence cannot count (Redis away), the socket is let in rather than refused. */
  private async checkSocketCap(userId: string): Promise<void> {
    const live = await this.presence.liveSockets(userId, Date.now()).catch(() => 0);
    if (live >= this.options.maxSocketsPerUser) {
      throw new AppError(
        ErrorCode.RATE_LIMITED,
        `At most ${this.options.maxSocketsPerUser} sockets per user; close one first`,
        SOCKET_CAP_RETRY_AFTER_MS,
      );
    }
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { ErrorCode, type GlobalRole, type Session } from '@chat/contracts';
import { SessionRevocations, type AuthUser } from '@chat/authn';
import { AppError } from '@chat/platform/errors';
import { newId } from '@chat/platform/ids';
import { IDENTITY_OPTIONS, type IdentityOptions } from '../identity.options';
import { graceSuccessor, REFRESH_GRACE_SECONDS } from '../sessions/refresh-grace';
import { SessionsRepository } from '../sessions/sessions.repository';
import { AccessTokenIssuer } from '../tokens/access-token.issuer';
import { newRefreshToken, parseRefreshToken, type RefreshToken } from '../tokens/refresh-token';
import { sealSuccessor } from '../tokens/successor-seal';
import { toUser } from '../users/user.mapper';
import type { UserRecord } from '../users/user.record';
import { UsersRepository } from '../users/users.repository';

const INVALID_REFRESH = 'Invalid refresh token';

/** Opens, rotates and revokes sessions (refresh-token families). */
@Injectable()
export class SessionsService {
  private readonly logger = new Logger(SessionsService.name);

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly users: UsersRepository,
    private readonly issuer: AccessTokenIssuer,
    private readonly revocations: SessionRevocations,
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
  ) {}

  async open(user: UserRecord): Promise<Session> {
    const sessionId = newId();
    const refresh = newRefreshToken(sessionId);
    await this.sessions.create({
      id: sessionId,
      userId: user.id,
      refreshHash: refresh.hash,
      createdAt: new Date(),
      expiresAt: this.refreshExpiry(),
    });
    return this.toSession(user, sessionId, refresh.token);
  }

  /**
   * Rotates the token. The token the last rotation spent still answers with the same successor for a
   * short while (see refresh-grace.ts); any other spent token revokes the whole family, since someone
   * else may hold the newest one.
   */
  async refresh(token: string): Promise<Session> {
    const presented = parseRefreshToken(token);
    if (!presented) throw AppError.unauthorized(INVALID_REFRESH);
    const session = await this.sessions.findById(presented.sessionId);
    if (!session || session.revokedAt || session.expiresAt.getTime() <= Date.now()) {
      throw AppError.unauthorized(INVALID_REFRESH);
    }
    const next = newRefreshToken(presented.sessionId);
    const rotated = await this.sessions.rotate(presented.sessionId, {
      presentedHash: presented.hash,
      nextHash: next.hash,
      successorSealed: sealSuccessor(next.token, token),
      rotatedAt: new Date(),
      expiresAt: this.refreshExpiry(),
    });
    if (!rotated) return this.afterLostRotation(token, presented);
    return this.sessionOf(rotated.userId, presented.sessionId, next.token);
  }

  /** Another refresh spent this token first: moments ago (grace), or long ago (reuse). */
  private async afterLostRotation(token: string, presented: RefreshToken): Promise<Session> {
    const current = await this.sessions.findById(presented.sessionId);
    if (!current || current.revokedAt) throw AppError.unauthorized(INVALID_REFRESH);
    const successor = graceSuccessor(current, { token, hash: presented.hash }, Date.now(), this.graceMs());
    if (successor) return this.sessionOf(current.userId, presented.sessionId, successor);
    if (current.spentHashes.includes(presented.hash)) {
      this.logger.warn(`refresh token reuse on session ${presented.sessionId}: revoking`);
      // Revoked in the store even when Redis cannot take it yet (it is retried): the answer stays 401.
      await this.revoke(presented.sessionId).catch((error: unknown) => {
        if (!(error instanceof AppError && error.code === ErrorCode.UNAVAILABLE)) throw error;
      });
      throw AppError.unauthorized('Refresh token reuse detected; the session is revoked');
    }
    throw AppError.unauthorized(INVALID_REFRESH);
  }

  /** Logout needs both the access token and the refresh token of one session. */
  async logout(caller: AuthUser, token: string): Promise<void> {
    const presented = parseRefreshToken(token);
    if (!presented) throw AppError.unauthorized(INVALID_REFRESH);
    if (presented.sessionId !== caller.sessionId) {
      throw AppError.forbidden('That refresh token belongs to another session');
    }
    const session = await this.sessions.findById(presented.sessionId);
    const known =
      session && (session.refreshHash === presented.hash || session.spentHashes.includes(presented.hash));
    if (!known) throw AppError.unauthorized(INVALID_REFRESH);
    await this.revoke(presented.sessionId);
  }

  private async revoke(sessionId: string): Promise<void> {
    await this.sessions.markRevoked(sessionId);
    await this.revocations.revoke(sessionId);
  }

  private async sessionOf(userId: string, sessionId: string, refreshToken: string): Promise<Session> {
    const user = await this.users.findById(userId);
    if (!user) throw AppError.unauthorized(INVALID_REFRESH);
    return this.toSession(user, sessionId, refreshToken);
  }

  private async toSession(user: UserRecord, sessionId: string, refreshToken: string): Promise<Session> {
    const roles: GlobalRole[] = user.roles.length > 0 ? user.roles : ['user'];
    const access = await this.issuer.issue(user.id, sessionId, roles);
    return { user: toUser(user), accessToken: access.token, refreshToken, expiresIn: access.expiresIn };
  }

  private graceMs(): number {
    return (this.options.refreshGraceSeconds ?? REFRESH_GRACE_SECONDS) * 1000;
  }

  private refreshExpiry(): Date {
    return new Date(Date.now() + this.options.refreshTokenTtlSeconds * 1000);
  }
}

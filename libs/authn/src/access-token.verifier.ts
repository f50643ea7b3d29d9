import { createPublicKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { decode, verify, type JwtPayload, type VerifyOptions } from 'jsonwebtoken';
import type { GlobalRole } from '@chat/contracts';
import { AppError } from '@chat/platform/errors';
import type { AuthUser } from './auth-user';
import { ACCESS_TOKEN_ALGORITHM, AUTHN_OPTIONS, type AuthnOptions } from './authn.options';
import { isWellFormedKeyId } from './key-id';
import { PublicKeySource } from './public-key.source';
import { SessionRevocations } from './session-revocations';

const ROLES: readonly GlobalRole[] = ['user', 'admin'];

/**
 * The one verifier of access tokens. HTTP routes reach it through the passport strategy
 * (signature checked by passport-jwt with the same options and keys), sockets call `verify` directly.
 */
@Injectable()
export class AccessTokenVerifier {
  readonly verifyOptions: VerifyOptions;
  /**
   * Parsed keys by PEM. jsonwebtoken parses a PEM string on every verify, which cost ~5x the RSA check
   * itself (about 150 µs against 30 µs here): a handshake's and every request's share.
   */
  private readonly parsed = new Map<string, KeyObject>();

  constructor(
    private readonly keys: PublicKeySource,
    private readonly revocations: SessionRevocations,
    @Inject(AUTHN_OPTIONS) options: AuthnOptions,
  ) {
    this.verifyOptions = {
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      issuer: options.issuer,
      audience: options.audience,
      clockTolerance: 5,
    };
  }

  /** Signature, algorithm, issuer, audience, expiry, claim shape and revocation. */
  async verify(token: string): Promise<AuthUser> {
    const key = await this.keyFor(token);
    let payload: JwtPayload | string;
    try {
      payload = verify(token, key, this.verifyOptions);
    } catch {
      throw AppError.unauthorized('Invalid or expired access token');
    }
    return this.authenticate(payload);
  }

  /** The key a token's header names, parsed; shared with the passport strategy's key provider. */
  async keyFor(token: string): Promise<KeyObject> {
    const header = decode(token, { complete: true })?.header;
    // The kid's shape is checked before any lookup: a remote key source may fetch for an unknown one.
    if (!header || !isWellFormedKeyId(header.kid) || header.alg !== ACCESS_TOKEN_ALGORITHM) {
      throw AppError.unauthorized('Invalid access token');
    }
    let pem: string;
    try {
      pem = await this.keys.publicKeyPem(header.kid);
    } catch {
      throw AppError.unauthorized('Unknown signing key');
    }
    let key = this.parsed.get(pem);
    if (!key) {
      key = createPublicKey(pem);
      this.parsed.set(pem, key);
    }
    return key;
  }

  /** Claims already signature-checked: shape, then the session revocation list. */
  async authenticate(payload: JwtPayload | string): Promise<AuthUser> {
    if (typeof payload === 'string') throw AppError.unauthorized('Invalid access token');
    const { sub, sid, roles, exp } = payload as {
      sub?: unknown;
      sid?: unknown;
      roles?: unknown;
      exp?: unknown;
    };
    if (typeof sub !== 'string' || typeof sid !== 'string' || !Array.isArray(roles)) {
      throw AppError.unauthorized('Invalid access token claims');
    }
    if (await this.revocations.isRevoked(sid)) throw AppError.unauthorized('Session revoked');
    const known = roles.filter((role): role is GlobalRole => ROLES.includes(role as GlobalRole));
    const expiresAt = typeof exp === 'number' ? exp * 1000 : undefined;
    return { userId: sub, sessionId: sid, roles: known, expiresAt };
  }
}

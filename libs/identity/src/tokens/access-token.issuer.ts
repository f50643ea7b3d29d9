import { Inject, Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import type { GlobalRole } from '@chat/contracts';
import { ACCESS_TOKEN_ALGORITHM } from '@chat/authn';
import { IDENTITY_OPTIONS, type IdentityOptions } from '../identity.options';
import { KeyRing } from '../keys/key-ring';

export interface IssuedAccessToken {
  token: string;
  expiresIn: number;
}

@Injectable()
export class AccessTokenIssuer {
  constructor(
    private readonly keys: KeyRing,
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
  ) {}

  async issue(userId: string, sessionId: string, roles: GlobalRole[]): Promise<IssuedAccessToken> {
    const ttl = this.options.accessTokenTtlSeconds;
    const token = await new SignJWT({ sid: sessionId, roles })
      .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, kid: this.keys.signing.kid, typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(this.options.issuer)
      .setAudience(this.options.audience)
      .setIssuedAt()
      .setExpirationTime(`${ttl}s`)
      .sign(this.keys.signing.privateKey);
    return { token, expiresIn: ttl };
  }
}

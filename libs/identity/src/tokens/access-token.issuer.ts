import { Inject, Injectable } from '@nestjs/common';
import { sign } from 'jsonwebtoken';
import type { GlobalRole } from '@chat/contracts';
import { ACCESS_TOKEN_ALGORITHM } from '@chat/authn';
import { IDENTITY_OPTIONS, type IdentityOptions } from '../identity.options';
import { KeyRing } from '../keys/key-ring';

export interface IssuedAccessToken {
  token: string;
  expiresIn: number;
}

/** Signs with jsonwebtoken, the library that verifies (passport-jwt needs it): one JWT library, not two. */
@Injectable()
export class AccessTokenIssuer {
  constructor(
    private readonly keys: KeyRing,
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
  ) {}

  issue(userId: string, sessionId: string, roles: GlobalRole[]): Promise<IssuedAccessToken> {
    const ttl = this.options.accessTokenTtlSeconds;
    const token = sign({ sid: sessionId, roles }, this.keys.signing.privateKey, {
      algorithm: ACCESS_TOKEN_ALGORITHM,
      keyid: this.keys.signing.kid,
      subject: userId,
      issuer: this.options.issuer,
      audience: this.options.audience,
      expiresIn: ttl,
    });
    return Promise.resolve({ token, expiresIn: ttl });
  }
}

import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { JwtPayload } from 'jsonwebtoken';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AccessTokenVerifier } from './access-token.verifier';
import type { AuthUser } from './auth-user';

/** passport-jwt checks the signature with keys from the JWKS cache; the verifier does the rest. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(private readonly verifier: AccessTokenVerifier) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKeyProvider: (_request: unknown, rawJwt: string, done: (error: unknown, key?: string) => void) => {
        verifier.keyFor(rawJwt).then(
          (pem) => done(null, pem),
          (error: unknown) => done(error),
        );
      },
      ...verifier.verifyOptions,
      algorithms: verifier.verifyOptions.algorithms as string[],
    });
  }

  validate(payload: JwtPayload): Promise<AuthUser> {
    return this.verifier.authenticate(payload);
  }
}

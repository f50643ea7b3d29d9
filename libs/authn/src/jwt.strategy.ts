import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { JwtPayload } from 'jsonwebtoken';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AccessTokenVerifier } from './access-token.verifier';
import type { AuthUser } from './auth-user';
import { ACCESS_TOKEN_ALGORITHM } from './authn.options';

/** passport-jwt checks the signature with keys from the JWKS cache; the verifier does the rest. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(private readonly verifier: AccessTokenVerifier) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKeyProvider: (
        _request: unknown,
        rawJwt: string,
        done: (error: unknown, key?: string) => void,
      ) => {
        verifier.keyFor(rawJwt).then(
          // passport-jwt's types say string, but it hands the key to jsonwebtoken, which takes a KeyObject.
          (key) => done(null, key as unknown as string),
          (error: unknown) => done(error),
        );
      },
      issuer: verifier.verifyOptions.issuer as string,
      audience: verifier.verifyOptions.audience as string,
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      jsonWebTokenOptions: { clockTolerance: verifier.verifyOptions.clockTolerance },
    });
  }

  validate(payload: JwtPayload): Promise<AuthUser> {
    return this.verifier.authenticate(payload);
  }
}

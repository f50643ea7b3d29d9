import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { JwtPayload } from 'jsonwebtoken';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AccessTokenVerifier } from './access-token.verifier';
import type { AuthUser } from './auth-user';

/**
 * HTTP's half of the one verification path: passport-jwt checks the signature with the verifier's key
 * source and verify options, and the verifier's `authenticate` does the rest, as for sockets.
 */
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
      // passport-jwt overwrites these three from its own options, so they are passed twice: one set of
      // verify options, the sockets' own, whatever the strategy does with them.
      jsonWebTokenOptions: verifier.verifyOptions,
      issuer: verifier.verifyOptions.issuer as string,
      audience: verifier.verifyOptions.audience as string,
      algorithms: verifier.verifyOptions.algorithms,
    });
  }

  validate(payload: JwtPayload): Promise<AuthUser> {
    return this.verifier.authenticate(payload);
  }
}

import { DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AccessTokenVerifier } from './access-token.verifier';
import { AUTHN_OPTIONS, type AuthnOptions } from './authn.options';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtStrategy } from './jwt.strategy';
import { PublicKeySource } from './public-key.source';
import { RemoteJwksKeySource } from './remote-jwks.key-source';
import { SessionRevocations } from './session-revocations';

/** Token verification for a service: the global guard, the verifier, and the revocation list. */
@Global()
@Module({})
export class AuthnModule {
  static forRoot(options: AuthnOptions): DynamicModule {
    const keys = options.keys;
    const keySource: Provider[] =
      keys === 'local'
        ? []
        : [
            {
              provide: PublicKeySource,
              useFactory: () => new RemoteJwksKeySource({ jwksUrl: keys.jwksUrl }),
            },
          ];
    return {
      module: AuthnModule,
      imports: [PassportModule],
      providers: [
        { provide: AUTHN_OPTIONS, useValue: options },
        ...keySource,
        SessionRevocations,
        AccessTokenVerifier,
        JwtStrategy,
        { provide: APP_GUARD, useClass: JwtAuthGuard },
      ],
      exports: [AUTHN_OPTIONS, AccessTokenVerifier, SessionRevocations],
    };
  }
}

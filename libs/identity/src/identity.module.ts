import { DynamicModule, Module } from '@nestjs/common';
import { LoginThrottle } from './auth/login-throttle';
import { LoginService } from './auth/login.service';
import { RegistrationService } from './auth/registration.service';
import { SessionsService } from './auth/sessions.service';
import { FirstAdminBootstrap } from './bootstrap/first-admin.bootstrap';
import { AuthController } from './http/auth.controller';
import { UsersController } from './http/users.controller';
import { IDENTITY_OPTIONS, type IdentityOptions } from './identity.options';
import { IdentityKeysModule } from './keys/identity-keys.module';
import { PasswordHasher } from './passwords/password-hasher';
import { AccessTokenIssuer } from './tokens/access-token.issuer';
import { UsersModule } from './users/users.module';

/**
 * The identity domain: owns the `users` and `sessions` collections and the signing keys, and serves
 * `/api/auth` and `/api/users`. Needs IdentityStorageModule (the store's adapters), EngineModule and AuthnModule (keys: 'local') beside it.
 */
@Module({})
export class IdentityModule {
  static forRoot(options: IdentityOptions): DynamicModule {
    return {
      module: IdentityModule,
      imports: [IdentityKeysModule.forRoot(options.keys, options.accessTokenTtlSeconds), UsersModule],
      controllers: [AuthController, UsersController],
      providers: [
        { provide: IDENTITY_OPTIONS, useValue: options },
        PasswordHasher,
        AccessTokenIssuer,
        LoginThrottle,
        SessionsService,
        RegistrationService,
        LoginService,
        FirstAdminBootstrap,
      ],
      exports: [UsersModule],
    };
  }
}

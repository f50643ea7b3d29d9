import { DynamicModule, Module } from '@nestjs/common';
import type { AuthConfig } from '@chat/config';
import { AuthnModule, authnOptionsFromEnv } from '@chat/authn';
import { IdentityModule, identityOptionsFromEnv, IdentityStorageModule } from '@chat/identity';
import { platformModules } from '@chat/platform/runtime';

/** The auth service: identity over MongoDB, with Redis for revocations, rate limits and pub/sub. */
@Module({})
export class AuthAppModule {
  static forRoot(config: AuthConfig): DynamicModule {
    return {
      module: AuthAppModule,
      imports: [
        ...platformModules({
          service: 'auth',
          logLevel: config.LOG_LEVEL,
          store: { kind: 'mongo', url: config.MONGO_URL },
          engine: { kind: 'redis', url: config.REDIS_URL },
        }),
        AuthnModule.forRoot(authnOptionsFromEnv(config, 'local')),
        IdentityStorageModule.forRoot('mongo'),
        IdentityModule.forRoot(identityOptionsFromEnv(config)),
      ],
    };
  }
}

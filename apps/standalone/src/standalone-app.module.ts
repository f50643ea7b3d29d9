import { DynamicModule, Module } from '@nestjs/common';
import type { StandaloneConfig } from '@chat/config';
import { AuthnModule, authnOptionsFromEnv } from '@chat/authn';
import { AnnouncementsModule } from '@chat/announcements';
import { IdentityModule, identityOptionsFromEnv } from '@chat/identity';
import { platformModules } from '@chat/platform';
import { RealtimeModule } from '@chat/realtime';
import { RoomsModule } from '@chat/rooms';

/**
 * Every service's module in one process, on the memory engine and the embedded store.
 * The domain modules are the same ones the cluster apps compose.
 */
@Module({})
export class StandaloneAppModule {
  static forRoot(config: StandaloneConfig, mongoUrl: string): DynamicModule {
    return {
      module: StandaloneAppModule,
      imports: [
        ...platformModules({
          service: 'standalone',
          logLevel: config.LOG_LEVEL,
          mongoUrl,
          engine: { kind: 'memory' },
        }),
        AuthnModule.forRoot(authnOptionsFromEnv(config, 'local')),
        IdentityModule.forRoot(identityOptionsFromEnv(config)),
        RealtimeModule.forRoot({ kind: 'local' }),
        RoomsModule.forRoot(),
        AnnouncementsModule,
      ],
    };
  }
}

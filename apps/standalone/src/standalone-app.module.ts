import { DynamicModule, Module } from '@nestjs/common';
import type { GatewayEnv, StandaloneConfig } from '@chat/config';
import { GatewayModule, gatewayOptionsFromEnv } from '@chat/gateway';
import { AuthnModule, authnOptionsFromEnv } from '@chat/authn';
import { AnnouncementsModule } from '@chat/announcements';
import { IdentityModule, identityOptionsFromEnv } from '@chat/identity';
import { platformModules } from '@chat/platform';
import { RealtimeModule } from '@chat/realtime';
import { RoomsHttpModule } from '@chat/rooms';
import { WebClientModule } from './web-client/web-client.module';

/**
 * Every service's module in one process, on the memory engine and the embedded store.
 * The domain modules are the same ones the cluster apps compose.
 */
@Module({})
export class StandaloneAppModule {
  static forRoot(config: StandaloneConfig, gateway: GatewayEnv, mongoUrl: string): DynamicModule {
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
        RoomsHttpModule,
        AnnouncementsModule,
        GatewayModule.forRoot(gatewayOptionsFromEnv(gateway)),
        WebClientModule,
      ],
    };
  }
}

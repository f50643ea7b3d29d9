import { DynamicModule, Module } from '@nestjs/common';
import { AttachmentsStorageModule } from '@chat/attachments';
import { AuthnModule, authnOptionsFromEnv } from '@chat/authn';
import type { GatewayConfig } from '@chat/config';
import { GatewayModule, gatewayOptionsFromEnv } from '@chat/gateway';
import { IdentityStorageModule } from '@chat/identity';
import { MessagesStorageModule } from '@chat/messages';
import { NotificationsStorageModule, pushDelivers, pushOptionsFromEnv } from '@chat/notifications';
import { platformModules } from '@chat/platform/runtime';
import { RealtimeModule } from '@chat/realtime';
import { RoomsStorageModule } from '@chat/rooms';

/** The gateway service: Socket.IO only (plus health and metrics); every replica shares rooms through Redis. */
@Module({})
export class GatewayAppModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    const push = pushOptionsFromEnv(config);
    return {
      module: GatewayAppModule,
      imports: [
        ...platformModules({
          service: 'gateway',
          logLevel: config.LOG_LEVEL,
          store: { kind: 'mongo', url: config.MONGO_URL },
          engine: { kind: 'redis', url: config.REDIS_URL },
        }),
        IdentityStorageModule.forRoot('mongo'),
        RoomsStorageModule.forRoot('mongo'),
        MessagesStorageModule.forRoot('mongo', { markForNotifications: pushDelivers(push) }),
        AttachmentsStorageModule.forRoot('mongo'),
        NotificationsStorageModule.forRoot('mongo'),
        AuthnModule.forRoot(authnOptionsFromEnv(config, { jwksUrl: config.AUTH_JWKS_URL })),
        RealtimeModule.forRoot({ kind: config.SOCKET_ADAPTER === 'sharded' ? 'relay' : 'redis-emitter' }),
        GatewayModule.forRoot(gatewayOptionsFromEnv(config), push),
      ],
    };
  }
}

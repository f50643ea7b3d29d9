import { DynamicModule, Module } from '@nestjs/common';
import type { GatewayEnv, StandaloneConfig } from '@chat/config';
import { GatewayModule, gatewayOptionsFromEnv } from '@chat/gateway';
import { AuthnModule, authnOptionsFromEnv } from '@chat/authn';
import { AnnouncementsModule, AnnouncementsStorageModule } from '@chat/announcements';
import { AttachmentsModule, AttachmentsStorageModule, type AttachmentsOptions } from '@chat/attachments';
import { IdentityModule, identityOptionsFromEnv, IdentityStorageModule } from '@chat/identity';
import { MessagesStorageModule } from '@chat/messages';
import {
  NotificationsStorageModule,
  PushHttpModule,
  pushDelivers,
  type PushOptions,
} from '@chat/notifications';
import { platformModules } from '@chat/platform/runtime';
import { type StoreOptions } from '@chat/platform/store';
import { cspOrigin } from '@chat/platform/web-client';
import { RealtimeModule } from '@chat/realtime';
import { RoomsHttpModule, RoomsStorageModule } from '@chat/rooms';
import { WebClientModule } from './web-client/web-client.module';

/**
 * Every service's module in one process, on the memory engine and the embedded database (SQLite), or on
 * MongoDB when MONGO_URL says so. The domain modules are the same ones the cluster apps compose.
 */
@Module({})
export class StandaloneAppModule {
  static forRoot(
    config: StandaloneConfig,
    gateway: GatewayEnv,
    store: StoreOptions,
    attachments: AttachmentsOptions,
    push: PushOptions,
  ): DynamicModule {
    return {
      module: StandaloneAppModule,
      imports: [
        ...platformModules({
          service: 'standalone',
          logLevel: config.LOG_LEVEL,
          store,
          engine: { kind: 'memory' },
        }),
        IdentityStorageModule.forRoot(store.kind),
        RoomsStorageModule.forRoot(store.kind),
        MessagesStorageModule.forRoot(store.kind, { markForNotifications: pushDelivers(push) }),
        AnnouncementsStorageModule.forRoot(store.kind),
        AttachmentsStorageModule.forRoot(store.kind),
        NotificationsStorageModule.forRoot(store.kind),
        AuthnModule.forRoot(authnOptionsFromEnv(config, 'local')),
        IdentityModule.forRoot(identityOptionsFromEnv(config)),
        RealtimeModule.forRoot({ kind: 'local' }),
        RoomsHttpModule,
        AnnouncementsModule,
        AttachmentsModule.forRoot(attachments),
        PushHttpModule.forRoot(push),
        GatewayModule.forRoot(gatewayOptionsFromEnv(gateway), push),
        // Presigned previews come from the S3 store's public endpoint: the page must allow it.
        WebClientModule.forRoot(
          attachments.store.kind === 's3'
            ? [
                cspOrigin(
                  attachments.store.publicEndpoint ??
                    attachments.store.endpoint ??
                    `https://${attachments.store.bucket}.s3.${attachments.store.region}.amazonaws.com`,
                ),
              ]
            : [],
        ),
      ],
    };
  }
}

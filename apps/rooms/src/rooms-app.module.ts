import { DynamicModule, Module } from '@nestjs/common';
import { AnnouncementsModule, AnnouncementsStorageModule } from '@chat/announcements';
import {
  AttachmentsModule,
  attachmentLinkSecret,
  attachmentsOptionsFromEnv,
  AttachmentsStorageModule,
} from '@chat/attachments';
import type { RoomsConfig } from '@chat/config';
import { AuthnModule, authnOptionsFromEnv } from '@chat/authn';
import { IdentityStorageModule } from '@chat/identity';
import { MessagesStorageModule } from '@chat/messages';
import { NotificationsStorageModule, PushHttpModule, pushOptionsFromEnv } from '@chat/notifications';
import { platformModules } from '@chat/platform/runtime';
import { RealtimeModule } from '@chat/realtime';
import { RoomsHttpModule, RoomsStorageModule } from '@chat/rooms';

/** The rooms service: rooms, members, DMs, history, read markers, announcements; sockets via the emitter. */
@Module({})
export class RoomsAppModule {
  static forRoot(config: RoomsConfig): DynamicModule {
    return {
      module: RoomsAppModule,
      imports: [
        ...platformModules({
          service: 'rooms',
          logLevel: config.LOG_LEVEL,
          store: { kind: 'mongo', url: config.MONGO_URL },
          engine: { kind: 'redis', url: config.REDIS_URL },
        }),
        IdentityStorageModule.forRoot('mongo'),
        RoomsStorageModule.forRoot('mongo'),
        MessagesStorageModule.forRoot('mongo'),
        AnnouncementsStorageModule.forRoot('mongo'),
        AttachmentsStorageModule.forRoot('mongo'),
        NotificationsStorageModule.forRoot('mongo'),
        AuthnModule.forRoot(authnOptionsFromEnv(config, { jwksUrl: config.AUTH_JWKS_URL })),
        RealtimeModule.forRoot({ kind: config.SOCKET_ADAPTER === 'sharded' ? 'relay' : 'redis-emitter' }),
        RoomsHttpModule,
        AnnouncementsModule,
        PushHttpModule.forRoot(pushOptionsFromEnv(config)),
        AttachmentsModule.forRoot(
          attachmentsOptionsFromEnv(
            config,
            './data/attachments',
            attachmentLinkSecret(config.ATTACHMENT_LINK_SECRET, {
              production: config.NODE_ENV === 'production',
            }),
          ),
        ),
      ],
    };
  }
}

import { DynamicModule, Module } from '@nestjs/common';
import { AnnouncementsModule } from '@chat/announcements';
import type { RoomsConfig } from '@chat/config';
import { AuthnModule, authnOptionsFromEnv } from '@chat/authn';
import { platformModules } from '@chat/platform';
import { RealtimeModule } from '@chat/realtime';
import { RoomsHttpModule } from '@chat/rooms';

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
          mongoUrl: config.MONGO_URL,
          engine: { kind: 'redis', url: config.REDIS_URL },
        }),
        AuthnModule.forRoot(authnOptionsFromEnv(config, { jwksUrl: config.AUTH_JWKS_URL })),
        RealtimeModule.forRoot({ kind: config.SOCKET_ADAPTER === 'sharded' ? 'relay' : 'redis-emitter' }),
        RoomsHttpModule,
        AnnouncementsModule,
      ],
    };
  }
}

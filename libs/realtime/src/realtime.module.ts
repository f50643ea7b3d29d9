import { DynamicModule, Global, Module } from '@nestjs/common';
import { MessageBus } from '@chat/platform/engine';
import { BroadcastLiveEvents } from './broadcast-live-events';
import { EmitterLiveEvents } from './emitter-live-events';
import { LiveEvents } from './live-events';
import { LocalSocketServer } from './local-socket-server';
import { RelayLiveEvents } from './relay-live-events';

/** `redis-emitter` for the classic Redis adapter, `relay` for the sharded adapter, `local` for one process. */
export type RealtimeOptions = { kind: 'redis-emitter' } | { kind: 'relay' } | { kind: 'local' };

/** Binds LiveEvents: the redis emitter (needs EngineModule on Redis) or the in-process server. */
@Global()
@Module({})
export class RealtimeModule {
  static forRoot(options: RealtimeOptions): DynamicModule {
    const relay = [
      {
        provide: LiveEvents,
        useFactory: (bus: MessageBus) => new RelayLiveEvents(bus),
        inject: [MessageBus],
      },
    ];
    const providers =
      options.kind === 'relay'
        ? relay
        : options.kind === 'redis-emitter'
          ? [{ provide: LiveEvents, useClass: EmitterLiveEvents }]
          : [
              LocalSocketServer,
              {
                provide: LiveEvents,
                useFactory: (local: LocalSocketServer) => new BroadcastLiveEvents(() => local.server),
                inject: [LocalSocketServer],
              },
            ];
    return {
      module: RealtimeModule,
      providers,
      exports: options.kind === 'local' ? [LiveEvents, LocalSocketServer] : [LiveEvents],
    };
  }
}

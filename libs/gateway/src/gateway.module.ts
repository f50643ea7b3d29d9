import { DynamicModule, Module, Optional, Inject } from '@nestjs/common';
import { AttachmentClaimsModule } from '@chat/attachments';
import { KeyValueStore, REDIS, type RedisClient } from '@chat/platform/engine';
import {
  notificationDeliveryProviders,
  pushDelivers,
  RoomViewers,
  type PushOptions,
} from '@chat/notifications';
import { RoomsModule } from '@chat/rooms';
import { ChatGateway } from './chat.gateway';
import { SocketDispatcher } from './dispatch/socket-dispatcher';
import { SOCKET_EVENT_HANDLERS } from './dispatch/socket-event-handler';
import { DrainService } from './drain/drain.service';
import { DrainState } from './drain/drain.state';
import { GatewayMetrics } from './gateway.metrics';
import { GATEWAY_OPTIONS, type GatewayOptions } from './gateway.options';
import { HandshakeMiddleware } from './handshake/handshake.middleware';
import {
  MessageDeleteHandler,
  MessageEditHandler,
  ReactionAddHandler,
  ReactionRemoveHandler,
} from './handlers/message-changes.handlers';
import { AuthRenewHandler } from './handlers/auth-renew.handler';
import { MessageSendHandler } from './handlers/message-send.handler';
import { MessageSender } from './sending/message-sender';
import { SocketRoomViewers } from './notifications/socket-room-viewers';
import { PresenceGetHandler } from './handlers/presence-get.handler';
import { ReadMarkHandler } from './handlers/read-mark.handler';
import { RoomJoinHandler } from './handlers/room-join.handler';
import { RoomLeaveHandler } from './handlers/room-leave.handler';
import { TypingStartHandler, TypingStopHandler } from './handlers/typing.handlers';
import { MemoryPresenceStore } from './presence/memory-presence.store';
import { PresenceService } from './presence/presence.service';
import { PresenceStore } from './presence/presence.store';
import { RedisPresenceStore } from './presence/redis-presence.store';
import { SocketSessionWatch } from './session-watch/socket-session-watch';
import { TypingService } from './typing/typing.service';

const HANDLERS = [
  RoomJoinHandler,
  RoomLeaveHandler,
  MessageSendHandler,
  MessageEditHandler,
  MessageDeleteHandler,
  ReactionAddHandler,
  ReactionRemoveHandler,
  TypingStartHandler,
  TypingStopHandler,
  ReadMarkHandler,
  PresenceGetHandler,
  AuthRenewHandler,
];

/** Presence lives in Redis when the engine is Redis, in memory otherwise. */
class PresenceStoreFactory {
  static create(@Optional() @Inject(REDIS) redis?: RedisClient): PresenceStore {
    return redis ? new RedisPresenceStore(redis) : new MemoryPresenceStore();
  }
}

/**
 * The real-time gateway: Socket.IO handshake, event dispatch, durable send, recovery, presence, typing and
 * drain. Needs the platform modules, AuthnModule and RealtimeModule beside it; the app installs
 * ChatIoAdapter to choose the Socket.IO adapter.
 */
@Module({})
export class GatewayModule {
  /**
   * @param push the push settings: where they can send (a VAPID private key or a gateway secret), every
   *   replica runs the notification loops and records room departures; elsewhere neither
   */
  static forRoot(options: GatewayOptions, push: PushOptions | null = null): DynamicModule {
    const delivers = pushDelivers(push);
    return {
      module: GatewayModule,
      imports: [RoomsModule, AttachmentClaimsModule],
      providers: [
        { provide: GATEWAY_OPTIONS, useValue: options },
        {
          provide: PresenceStore,
          useFactory: PresenceStoreFactory.create,
          inject: [{ token: REDIS, optional: true }],
        },
        MessageSender,
        ...HANDLERS,
        {
          provide: SOCKET_EVENT_HANDLERS,
          useFactory: (...handlers: unknown[]) => handlers,
          inject: HANDLERS,
        },
        DrainState,
        DrainService,
        HandshakeMiddleware,
        SocketDispatcher,
        PresenceService,
        TypingService,
        SocketSessionWatch,
        GatewayMetrics,
        {
          provide: SocketRoomViewers,
          useFactory: (store: KeyValueStore) => new SocketRoomViewers(store, delivers),
          inject: [KeyValueStore],
        },
        { provide: RoomViewers, useExisting: SocketRoomViewers },
        ...(delivers ? notificationDeliveryProviders(push) : []),
        ChatGateway,
      ],
      exports: [DrainService],
    };
  }
}

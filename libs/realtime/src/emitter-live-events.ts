import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import type Redis from 'ioredis';
import { REDIS } from '@chat/platform';
import { BroadcastLiveEvents, type BroadcastTarget } from './broadcast-live-events';

/**
 * LiveEvents through `@socket.io/redis-emitter`, for the classic Redis adapter. The emitter never awaits
 * its publish, so it gets a connection of its own that queues while Redis is away (a rejected publish
 * would be an unhandled rejection) and flushes when Redis returns.
 */
@Injectable()
export class EmitterLiveEvents extends BroadcastLiveEvents implements OnApplicationShutdown {
  private readonly connection: Redis;

  constructor(@Inject(REDIS) redis: Redis) {
    const connection = redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
    connection.on('error', () => undefined);
    const emitter = new Emitter(connection) as unknown as BroadcastTarget;
    super(() => emitter);
    this.connection = connection;
  }

  onApplicationShutdown(): void {
    this.connection.disconnect();
  }
}

import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import type Redis from 'ioredis';
import { isRedisCluster, REDIS, type RedisClient } from '@chat/platform/engine';
import { BroadcastLiveEvents, type BroadcastTarget } from './broadcast-live-events';

/**
 * LiveEvents through `@socket.io/redis-emitter`, for the classic Redis adapter. The emitter never awaits
 * its publish, so it gets a connection of its own that queues while Redis is away (a rejected publish
 * would be an unhandled rejection) and flushes when Redis returns.
 */
@Injectable()
export class EmitterLiveEvents extends BroadcastLiveEvents implements OnApplicationShutdown {
  private readonly connection: Redis;

  constructor(@Inject(REDIS) redis: RedisClient) {
    if (isRedisCluster(redis)) {
      // The emitter speaks classic pub/sub only; on a cluster the sharded adapter and the relay serve.
      throw new Error('The Socket.IO emitter cannot run on a Redis Cluster: set SOCKET_ADAPTER=sharded');
    }
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

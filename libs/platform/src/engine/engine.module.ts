import { DynamicModule, Global, Inject, Module, OnApplicationShutdown, Optional } from '@nestjs/common';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { KeyValueStore, MessageBus, RateLimiters, type EngineOptions } from './engine';
import { MemoryKeyValueStore, MemoryMessageBus, MemoryRateLimiters } from './memory.engine';
import { createRedisClient, type RedisClient } from './redis-client';
import { watchRedisLiveness } from './redis-liveness';
import { UserRateLimits } from './user-rate-limits';
import { RedisKeyValueStore, RedisMessageBus, RedisRateLimiters } from './redis.engine';

/** The command connection (one server or a cluster), for code that needs Redis itself (presence, emitter). */
export const REDIS = Symbol('REDIS');
const REDIS_SUBSCRIBER = Symbol('REDIS_SUBSCRIBER');

/**
 * A frozen Redis keeps its connection open and answers nothing, so a closed offline queue is not enough:
 * every command also has this deadline. Two seconds is far above a healthy round trip (well under 1 ms
 * here) and still short enough that a handshake or a send waiting on it answers promptly.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 2_000;

/**
 * Commands fail at once while Redis is unreachable instead of queueing: every caller has a fallback
 * (insurance rate limiters, the store behind the idempotency cache, the session ledger behind the
 * revocation list), and a send must not wait seconds for Redis. Boot waits a little for the first
 * connection, so early requests do not fail needlessly.
 */
async function connectCommands(url: string): Promise<RedisClient> {
  const redis = createRedisClient(url, {
    maxRetriesPerRequest: 1,
    enableAutoPipelining: true,
    enableOfflineQueue: false,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
  });
  redis.on('error', () => undefined); // reconnection is automatic; callers see their own command errors
  const stopWatching = watchRedisLiveness(redis, { everyMs: 1_000, timeoutMs: 1_000 });
  redis.once('end', stopWatching);
  await Promise.race([once(redis, 'ready'), sleep(5000)]);
  return redis;
}

/** A subscriber must not pipeline: a SUBSCRIBE sent before the ready check turns its INFO into an error. */
function connectSubscriber(url: string): RedisClient {
  return createRedisClient(url, { maxRetriesPerRequest: 3, enableAutoPipelining: false }).on(
    'error',
    () => undefined,
  );
}

function redisProviders(url: string) {
  return [
    { provide: REDIS, useFactory: () => connectCommands(url) },
    { provide: REDIS_SUBSCRIBER, useFactory: () => connectSubscriber(url) },
    { provide: KeyValueStore, useFactory: (r: RedisClient) => new RedisKeyValueStore(r), inject: [REDIS] },
    {
      provide: MessageBus,
      useFactory: (r: RedisClient, s: RedisClient) => new RedisMessageBus(r, s),
      inject: [REDIS, REDIS_SUBSCRIBER],
    },
    { provide: RateLimiters, useFactory: (r: RedisClient) => new RedisRateLimiters(r), inject: [REDIS] },
  ];
}

const memoryProviders = [
  { provide: KeyValueStore, useClass: MemoryKeyValueStore },
  { provide: MessageBus, useClass: MemoryMessageBus },
  { provide: RateLimiters, useClass: MemoryRateLimiters },
];

/** Binds KeyValueStore, MessageBus and RateLimiters to Redis or to memory; code above never knows which. */
@Global()
@Module({})
export class EngineModule implements OnApplicationShutdown {
  constructor(
    @Optional() @Inject(REDIS) private readonly redis?: RedisClient,
    @Optional() @Inject(REDIS_SUBSCRIBER) private readonly subscriber?: RedisClient,
  ) {}

  static forRoot(options: EngineOptions): DynamicModule {
    const providers = options.kind === 'redis' ? redisProviders(options.url) : memoryProviders;
    const exported = [KeyValueStore, MessageBus, RateLimiters, ...(options.kind === 'redis' ? [REDIS] : [])];
    return {
      module: EngineModule,
      providers: [...providers, UserRateLimits],
      exports: [...exported, UserRateLimits],
    };
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
    this.subscriber?.disconnect();
  }
}

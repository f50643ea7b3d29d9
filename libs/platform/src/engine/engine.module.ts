import { DynamicModule, Global, Inject, Module, OnApplicationShutdown, Optional } from '@nestjs/common';
import Redis from 'ioredis';
import { KeyValueStore, MessageBus, RateLimiters, type EngineOptions } from './engine';
import { MemoryKeyValueStore, MemoryMessageBus, MemoryRateLimiters } from './memory.engine';
import { RedisKeyValueStore, RedisMessageBus, RedisRateLimiters } from './redis.engine';

/** The command connection, for code that needs Redis itself (the Socket.IO adapter and emitter). */
export const REDIS = Symbol('REDIS');
const REDIS_SUBSCRIBER = Symbol('REDIS_SUBSCRIBER');

function redisProviders(url: string) {
  const connect = () =>
    new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3, enableAutoPipelining: true });
  return [
    { provide: REDIS, useFactory: connect },
    { provide: REDIS_SUBSCRIBER, useFactory: connect },
    { provide: KeyValueStore, useFactory: (r: Redis) => new RedisKeyValueStore(r), inject: [REDIS] },
    {
      provide: MessageBus,
      useFactory: (r: Redis, s: Redis) => new RedisMessageBus(r, s),
      inject: [REDIS, REDIS_SUBSCRIBER],
    },
    { provide: RateLimiters, useFactory: (r: Redis) => new RedisRateLimiters(r), inject: [REDIS] },
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
    @Optional() @Inject(REDIS) private readonly redis?: Redis,
    @Optional() @Inject(REDIS_SUBSCRIBER) private readonly subscriber?: Redis,
  ) {}

  static forRoot(options: EngineOptions): DynamicModule {
    const providers = options.kind === 'redis' ? redisProviders(options.url) : memoryProviders;
    const exported = [KeyValueStore, MessageBus, RateLimiters, ...(options.kind === 'redis' ? [REDIS] : [])];
    return { module: EngineModule, providers, exports: exported };
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
    this.subscriber?.disconnect();
  }
}

import { once } from 'node:events';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { KeyValueStore, MessageBus, RateLimiters, type RateLimitSpec } from './engine';
import type { RedisClient } from './redis-client';

export class RedisKeyValueStore extends KeyValueStore {
  constructor(private readonly redis: RedisClient) {
    super();
  }

  get(key: string): Promise<string | null> {
    return this.redis.get(key);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(key, value, 'PX', Math.max(1, Math.ceil(ttlMs)));
  }
}

/** Pub/sub needs a connection of its own: a subscribed ioredis client accepts no other commands. */
export class RedisMessageBus extends MessageBus {
  private readonly handlers = new Map<string, ((message: string) => void)[]>();

  constructor(
    private readonly publisher: RedisClient,
    private readonly subscriber: RedisClient,
  ) {
    super();
    subscriber.on('message', (channel: string, message: string) => {
      for (const handler of this.handlers.get(channel) ?? []) handler(message);
    });
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.publisher.publish(channel, message);
  }

  async subscribe(channel: string, handler: (message: string) => void): Promise<void> {
    const existing = this.handlers.get(channel);
    if (existing) {
      existing.push(handler);
      return;
    }
    this.handlers.set(channel, [handler]);
    if (this.subscriber.status !== 'ready') await once(this.subscriber, 'ready');
    await this.subscriber.subscribe(channel);
  }
}

/**
 * Limits shared by every replica. While Redis is unreachable each process falls back to its own memory
 * limiter (the insurance limiter), so limits keep holding per process instead of failing open or closed.
 */
export class RedisRateLimiters extends RateLimiters {
  constructor(private readonly redis: RedisClient) {
    super();
  }

  create(spec: RateLimitSpec): RateLimiterAbstract {
    const options = {
      keyPrefix: spec.keyPrefix,
      points: spec.points,
      duration: spec.durationSeconds,
      blockDuration: spec.blockDurationSeconds ?? 0,
    };
    return new RateLimiterRedis({
      ...options,
      storeClient: this.redis,
      insuranceLimiter: new RateLimiterMemory(options),
    });
  }
}

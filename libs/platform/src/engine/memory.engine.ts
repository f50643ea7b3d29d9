import { EventEmitter } from 'node:events';
import { LRUCache } from 'lru-cache';
import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { KeyValueStore, MessageBus, RateLimiters, type RateLimitSpec } from './engine';

/**
 * How many evictable entries (the idempotency cache) one process keeps. Only the single process uses the
 * memory engine, and there the database answers a repeat by primary key in microseconds: the cache need
 * only cover the seconds in which a client retries, not a day of history (about 6 MB).
 */
export const MEMORY_CACHE_MAX_ENTRIES = 10_000;

/**
 * One-process engine for the standalone server: the same contracts, no Redis. Evictable entries live in
 * a bounded LRU, so a server that stores millions of messages does not keep a day of them in memory
 * (the database's unique key answers the repeats the cache has dropped); the rest expire by TTL.
 */
export class MemoryKeyValueStore extends KeyValueStore {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();
  private readonly cache = new LRUCache<string, string>({
    max: MEMORY_CACHE_MAX_ENTRIES,
    ttlAutopurge: false,
  });

  get(key: string): Promise<string | null> {
    const cached = this.cache.get(key);
    if (cached !== undefined) return Promise.resolve(cached);
    const entry = this.entries.get(key);
    if (!entry) return Promise.resolve(null);
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return Promise.resolve(null);
    }
    return Promise.resolve(entry.value);
  }

  set(key: string, value: string, ttlMs: number, options: { evictable?: boolean } = {}): Promise<void> {
    if (options.evictable) {
      this.cache.set(key, value, { ttl: ttlMs });
      return Promise.resolve();
    }
    this.entries.set(key, { value, expiresAt: Date.now() + ttlMs });
    this.sweep();
    return Promise.resolve();
  }

  /** Bounded cleanup on write keeps memory proportional to live keys without a timer. */
  private sweep(): void {
    if (this.entries.size % 1024 !== 0) return;
    const now = Date.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}

export class MemoryMessageBus extends MessageBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish(channel: string, message: string): Promise<void> {
    this.emitter.emit(channel, message);
    return Promise.resolve();
  }

  subscribe(channel: string, handler: (message: string) => void): Promise<void> {
    this.emitter.on(channel, handler);
    return Promise.resolve();
  }
}

export class MemoryRateLimiters extends RateLimiters {
  create(spec: RateLimitSpec): RateLimiterAbstract {
    return new RateLimiterMemory({
      keyPrefix: spec.keyPrefix,
      points: spec.points,
      duration: spec.durationSeconds,
      blockDuration: spec.blockDurationSeconds ?? 0,
    });
  }
}

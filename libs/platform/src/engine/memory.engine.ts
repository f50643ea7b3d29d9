import { EventEmitter } from 'node:events';
import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { KeyValueStore, MessageBus, RateLimiters, type RateLimitSpec } from './engine';

/** One-process engine for the standalone server: the same contracts, no Redis. */
export class MemoryKeyValueStore extends KeyValueStore {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();

  get(key: string): Promise<string | null> {
    const entry = this.entries.get(key);
    if (!entry) return Promise.resolve(null);
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return Promise.resolve(null);
    }
    return Promise.resolve(entry.value);
  }

  set(key: string, value: string, ttlMs: number): Promise<void> {
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

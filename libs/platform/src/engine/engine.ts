import type { RateLimiterAbstract } from 'rate-limiter-flexible';

/** Short-lived shared state: revocations, idempotency keys, presence leases. */
export abstract class KeyValueStore {
  abstract get(key: string): Promise<string | null>;
  /**
   * @param options.evictable a cache entry (an answer the database can give again), which a store bounded
   *   in memory may drop before its TTL; everything else (a revocation) is kept for its whole TTL
   */
  abstract set(key: string, value: string, ttlMs: number, options?: { evictable?: boolean }): Promise<void>;
}

/** Fire-and-forget notifications between processes (session revoked, ...). */
export abstract class MessageBus {
  abstract publish(channel: string, message: string): Promise<void>;
  abstract subscribe(channel: string, handler: (message: string) => void): Promise<void>;
}

export interface RateLimitSpec {
  keyPrefix: string;
  points: number;
  durationSeconds: number;
  /** Once the points are spent, keep refusing for this long. @default 0 (until the window ends) */
  blockDurationSeconds?: number;
}

export abstract class RateLimiters {
  abstract create(spec: RateLimitSpec): RateLimiterAbstract;
}

/** Which engine serves the abstractions above: Redis for clusters, memory for one process. */
export type EngineOptions = { kind: 'redis'; url: string } | { kind: 'memory' };

import { Logger } from '@nestjs/common';
import { withDeadline } from '../store/with-deadline';
import type { RedisClient } from './redis-client';

const logger = new Logger('RedisLiveness');

export interface LivenessOptions {
  everyMs: number;
  /** A PING not answered within this is taken for a frozen server. */
  timeoutMs: number;
}

/**
 * A frozen Redis (stopped, or a dead peer behind a live TCP path) keeps the connection `ready`, so every
 * command waits out its full deadline, one after another. A PING that misses its deadline drops the
 * connection instead: while ioredis reconnects, the client is not ready, commands fail at once (no offline
 * queue) and every caller takes its fallback without waiting. The reconnect finds the server when it
 * answers again. @returns a stop function
 */
export function watchRedisLiveness(redis: RedisClient, options: LivenessOptions): () => void {
  let probing = false;
  const timer = setInterval(() => {
    if (probing || redis.status !== 'ready') return;
    probing = true;
    withDeadline(redis.ping(), options.timeoutMs, 'Redis')
      .catch((error: unknown) => {
        if (redis.status !== 'ready') return;
        logger.warn(`Redis missed its liveness deadline; reconnecting: ${String(error)}`);
        redis.disconnect(true);
      })
      .finally(() => (probing = false));
  }, options.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

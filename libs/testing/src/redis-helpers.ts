import Redis from 'ioredis';
import { testServers } from './test-servers';

/** Clears rate-limit and revocation state so that each test file starts alike (files run one at a time). */
export async function flushTestRedis(): Promise<void> {
  const redis = new Redis(testServers().redisUrl, { maxRetriesPerRequest: 1 });
  try {
    await redis.flushall();
  } finally {
    redis.disconnect();
  }
}

import type Redis from 'ioredis';
import type { PresenceEntry } from '@chat/contracts';
import { PresenceStore } from './presence.store';

const leasesKey = (userId: string) => `presence:leases:${userId}`;
const seenKey = (userId: string) => `presence:seen:${userId}`;
const USERS = 'presence:users';

// Each script runs atomically in Redis, so two replicas never both announce the same transition.
const CONNECT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
local before = redis.call('ZCARD', KEYS[1])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
redis.call('ZADD', KEYS[2], 'GT', ARGV[2], ARGV[4])
redis.call('SET', KEYS[3], ARGV[5])
return before`;

const DISCONNECT = `
redis.call('ZREM', KEYS[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
redis.call('SET', KEYS[3], ARGV[4])
if redis.call('ZCARD', KEYS[1]) == 0 then
  redis.call('ZREM', KEYS[2], ARGV[3])
  return 1
end
return 0`;

const SWEEP = `
local gone = {}
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 200)
for _, user in ipairs(due) do
  local leases = 'presence:leases:' .. user
  redis.call('ZREMRANGEBYSCORE', leases, '-inf', ARGV[1])
  local alive = redis.call('ZRANGE', leases, -1, -1, 'WITHSCORES')
  if #alive == 0 then
    redis.call('ZREM', KEYS[1], user)
    redis.call('SET', 'presence:seen:' .. user, ARGV[2])
    table.insert(gone, user)
  else
    redis.call('ZADD', KEYS[1], alive[2], user)
  end
end
return gone`;

/** Leases in sorted sets (socket → expiry per user; user → latest expiry overall). */
export class RedisPresenceStore extends PresenceStore {
  constructor(private readonly redis: Redis) {
    super();
  }

  async connect(userId: string, socketId: string, expiresAt: number, now: number): Promise<boolean> {
    const before = (await this.redis.eval(
      CONNECT,
      3,
      leasesKey(userId),
      USERS,
      seenKey(userId),
      now,
      expiresAt,
      socketId,
      userId,
      new Date(now).toISOString(),
    )) as number;
    return before === 0;
  }

  async renew(leases: { userId: string; socketId: string }[], expiresAt: number): Promise<void> {
    if (leases.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const { userId, socketId } of leases) {
      pipeline.zadd(leasesKey(userId), expiresAt, socketId);
      pipeline.zadd(USERS, 'GT', expiresAt, userId);
    }
    await pipeline.exec();
  }

  async disconnect(userId: string, socketId: string, now: number): Promise<boolean> {
    const last = (await this.redis.eval(
      DISCONNECT,
      3,
      leasesKey(userId),
      USERS,
      seenKey(userId),
      now,
      socketId,
      userId,
      new Date(now).toISOString(),
    )) as number;
    return last === 1;
  }

  async sweep(now: number): Promise<string[]> {
    return (await this.redis.eval(SWEEP, 1, USERS, now, new Date(now).toISOString())) as string[];
  }

  async status(userIds: string[], now: number): Promise<PresenceEntry[]> {
    const pipeline = this.redis.pipeline();
    for (const userId of userIds) {
      pipeline.zcount(leasesKey(userId), `(${now}`, '+inf');
      pipeline.get(seenKey(userId));
    }
    const replies = (await pipeline.exec()) ?? [];
    return userIds.map((userId, index) => {
      const live = Number(replies[index * 2]?.[1] ?? 0);
      const seen = (replies[index * 2 + 1]?.[1] as string | null) ?? null;
      return {
        userId,
        status: live > 0 ? 'online' : 'offline',
        lastSeenAt: live > 0 ? new Date(now).toISOString() : seen,
      };
    });
  }
}

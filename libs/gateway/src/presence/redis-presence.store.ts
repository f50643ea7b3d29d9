import type { PresenceEntry } from '@chat/contracts';
import type { RedisClient } from '@chat/platform/engine';
import { leasesKey, PRESENCE_BUCKETS, seenKey, userIndexKey, usersKey, bucketPrefix } from './presence-keys';
import { PresenceStore } from './presence.store';

// Each script runs atomically in Redis, so two replicas never both announce the same transition. Every key a
// script touches is in one bucket, hence one hash slot (see presence-keys.ts).
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

// The per-user keys are built from the bucket's prefix (ARGV[3]), so they share KEYS[1]'s slot.
const SWEEP = `
local gone = {}
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 200)
for _, user in ipairs(due) do
  local leases = ARGV[3] .. 'leases:' .. user
  redis.call('ZREMRANGEBYSCORE', leases, '-inf', ARGV[1])
  local alive = redis.call('ZRANGE', leases, -1, -1, 'WITHSCORES')
  if #alive == 0 then
    redis.call('ZREM', KEYS[1], user)
    redis.call('SET', ARGV[3] .. 'seen:' .. user, ARGV[2])
    table.insert(gone, user)
  else
    redis.call('ZADD', KEYS[1], alive[2], user)
  end
end
return gone`;

const BUCKETS = Array.from({ length: PRESENCE_BUCKETS }, (_, bucket) => bucket);

/**
 * Leases in sorted sets (socket → expiry per user; user → latest expiry per bucket). Commands that span
 * users are sent one by one: the engine's connection pipelines them automatically, per primary on a cluster,
 * where an explicit pipeline would have to stay within one slot.
 */
export class RedisPresenceStore extends PresenceStore {
  constructor(private readonly redis: RedisClient) {
    super();
  }

  async connect(userId: string, socketId: string, expiresAt: number, now: number): Promise<boolean> {
    const before = (await this.redis.eval(
      CONNECT,
      3,
      leasesKey(userId),
      userIndexKey(userId),
      seenKey(userId),
      now,
      expiresAt,
      socketId,
      userId,
      new Date(now).toISOString(),
    )) as number;
    return before === 0;
  }

  liveSockets(userId: string, now: number): Promise<number> {
    return this.redis.zcount(leasesKey(userId), `(${now}`, '+inf');
  }

  async renew(leases: { userId: string; socketId: string }[], expiresAt: number): Promise<void> {
    await Promise.all(
      leases.flatMap(({ userId, socketId }) => [
        this.redis.zadd(leasesKey(userId), expiresAt, socketId),
        this.redis.zadd(userIndexKey(userId), 'GT', expiresAt, userId),
      ]),
    );
  }

  async disconnect(userId: string, socketId: string, now: number): Promise<boolean> {
    const last = (await this.redis.eval(
      DISCONNECT,
      3,
      leasesKey(userId),
      userIndexKey(userId),
      seenKey(userId),
      now,
      socketId,
      userId,
      new Date(now).toISOString(),
    )) as number;
    return last === 1;
  }

  async sweep(now: number): Promise<string[]> {
    const seenAt = new Date(now).toISOString();
    const gone = await Promise.all(
      BUCKETS.map(
        (bucket) =>
          this.redis.eval(SWEEP, 1, usersKey(bucket), now, seenAt, bucketPrefix(bucket)) as Promise<string[]>,
      ),
    );
    return gone.flat();
  }

  async status(userIds: string[], now: number): Promise<PresenceEntry[]> {
    return Promise.all(
      userIds.map(async (userId): Promise<PresenceEntry> => {
        const [live, seen] = await Promise.all([
          this.redis.zcount(leasesKey(userId), `(${now}`, '+inf'),
          this.redis.get(seenKey(userId)),
        ]);
        return {
          userId,
          status: live > 0 ? 'online' : 'offline',
          lastSeenAt: live > 0 ? new Date(now).toISOString() : seen,
        };
      }),
    );
  }
}

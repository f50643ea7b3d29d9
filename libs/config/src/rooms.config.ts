import { IsIn, IsString } from 'class-validator';
import { IsRedisClusterNodes, IsShardedOnRedisCluster } from './redis.env';
import { TokenVerificationEnv } from './token-verification.env';

/** Configuration of the rooms service (apps/rooms). */
export class RoomsConfig extends TokenVerificationEnv {
  override PORT = 3002;

  /** MongoDB connection string. */
  @IsString() MONGO_URL = 'mongodb://127.0.0.1:27017/chat';

  /**
   * Redis: revocations, rate limits, and the Socket.IO emitter that reaches live sockets. With
   * REDIS_CLUSTER_NODES only its credentials and scheme are used.
   */
  @IsString() REDIS_URL = 'redis://127.0.0.1:6379';

  /** Seed nodes (`host:port`, comma-separated) of a Redis Cluster. Empty: one Redis at REDIS_URL. */
  @IsRedisClusterNodes() REDIS_CLUSTER_NODES: string[] = [];

  /**
   * The gateways' Socket.IO adapter: `redis` (live events through @socket.io/redis-emitter) or `sharded`
   * (live events relayed on the Redis bus, since the emitter cannot address sharded pub/sub). Must be
   * `sharded` on a Redis Cluster.
   */
  @IsIn(['redis', 'sharded']) @IsShardedOnRedisCluster() SOCKET_ADAPTER: 'redis' | 'sharded' = 'redis';

  /** Where auth publishes its public keys. */
  @IsString() AUTH_JWKS_URL = 'http://127.0.0.1:3001/api/auth/jwks';
}

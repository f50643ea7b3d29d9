import { IsString } from 'class-validator';
import { GatewayEnv } from './gateway.env';
import { IsRedisClusterNodes, IsShardedOnRedisCluster } from './redis.env';

/** Configuration of the gateway service (apps/gateway). */
export class GatewayConfig extends GatewayEnv {
  override PORT = 3003;
  override SHUTDOWN_GRACE_MS = 25_000;

  @IsString() MONGO_URL = 'mongodb://127.0.0.1:27017/chat';

  /** Redis connection string; with REDIS_CLUSTER_NODES only its credentials and scheme are used. */
  @IsString() REDIS_URL = 'redis://127.0.0.1:6379';

  /** Seed nodes (`host:port`, comma-separated) of a Redis Cluster. Empty: one Redis at REDIS_URL. */
  @IsRedisClusterNodes() REDIS_CLUSTER_NODES: string[] = [];

  /** As in GatewayEnv; must be `sharded` on a Redis Cluster. */
  @IsShardedOnRedisCluster() override SOCKET_ADAPTER: 'redis' | 'sharded' = 'redis';

  @IsString() AUTH_JWKS_URL = 'http://127.0.0.1:3001/api/auth/jwks';
}

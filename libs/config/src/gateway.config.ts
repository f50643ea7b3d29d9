import { WithRemoteKeys, WithSharedServers } from './cluster-services.env';
import { GatewayEnv } from './gateway.env';
import { IsShardedOnRedisCluster } from './redis.env';

/** Configuration of the gateway service (apps/gateway). */
export class GatewayConfig extends WithRemoteKeys(WithSharedServers(GatewayEnv)) {
  override PORT = 3003;
  override SHUTDOWN_GRACE_MS = 25_000;

  /** As in GatewayEnv; must be `sharded` on a Redis Cluster. */
  @IsShardedOnRedisCluster() override SOCKET_ADAPTER: 'redis' | 'sharded' = 'redis';
}

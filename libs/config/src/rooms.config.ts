import { IsIn } from 'class-validator';
import { WithAttachments } from './attachments.env';
import { WithPush } from './push.env';
import { WithRemoteKeys, WithSharedServers } from './cluster-services.env';
import { IsShardedOnRedisCluster } from './redis.env';
import { TokenVerificationEnv } from './token-verification.env';

/** Configuration of the rooms service (apps/rooms). */
export class RoomsConfig extends WithPush(
  WithAttachments(WithRemoteKeys(WithSharedServers(TokenVerificationEnv))),
) {
  override PORT = 3002;

  /**
   * The gateways' Socket.IO adapter: `redis` (live events through @socket.io/redis-emitter) or `sharded`
   * (live events relayed on the Redis bus, since the emitter cannot address sharded pub/sub). Must be
   * `sharded` on a Redis Cluster.
   */
  @IsIn(['redis', 'sharded']) @IsShardedOnRedisCluster() SOCKET_ADAPTER: 'redis' | 'sharded' = 'redis';
}

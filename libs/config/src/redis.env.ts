import { Matches, ValidateBy } from 'class-validator';
import { ToList } from './env.transforms';
import { REDIS_NODE, redisClusterUrl } from './redis-url';

/** REDIS_CLUSTER_NODES: `host:port` seeds, comma-separated; empty means one Redis server at REDIS_URL. */
export function IsRedisClusterNodes(): PropertyDecorator {
  return (target, key) => {
    ToList()(target, key);
    Matches(REDIS_NODE, { each: true, message: 'REDIS_CLUSTER_NODES must list host:port seeds' })(
      target,
      key,
    );
  };
}

/**
 * SOCKET_ADAPTER must be `sharded` on a Redis Cluster: the classic adapter's pub/sub is copied to every
 * node of a cluster (no better than one Redis), and the emitter that pairs with it cannot reach sharded
 * channels. Refusing at boot beats a cluster where live events quietly stop crossing replicas.
 */
export function IsShardedOnRedisCluster(): PropertyDecorator {
  return ValidateBy({
    name: 'isShardedOnRedisCluster',
    validator: {
      validate: (value: unknown, args) =>
        value === 'sharded' ||
        ((args?.object as { REDIS_CLUSTER_NODES?: string[] }).REDIS_CLUSTER_NODES ?? []).length === 0,
      defaultMessage: () => 'SOCKET_ADAPTER must be sharded when REDIS_CLUSTER_NODES is set (Redis Cluster)',
    },
  });
}

/**
 * With REDIS_CLUSTER_NODES set, REDIS_URL becomes the cluster form (its credentials and TLS at the seed
 * nodes), so every consumer keeps receiving one connection string. See `redis-url.ts`.
 */
export function foldRedisClusterNodes<T extends object>(config: T): T {
  const redis = config as { REDIS_URL?: unknown; REDIS_CLUSTER_NODES?: unknown };
  if (
    typeof redis.REDIS_URL === 'string' &&
    Array.isArray(redis.REDIS_CLUSTER_NODES) &&
    redis.REDIS_CLUSTER_NODES.length > 0
  ) {
    redis.REDIS_URL = redisClusterUrl(redis.REDIS_URL, redis.REDIS_CLUSTER_NODES as string[]);
  }
  return config;
}

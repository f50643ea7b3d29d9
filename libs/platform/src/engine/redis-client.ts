import Redis, { Cluster } from 'ioredis';
import { parseRedisUrl } from '@chat/config';

/** A connection to one Redis server or to a Redis Cluster; code above works with either. */
export type RedisClient = Redis | Cluster;

export interface RedisClientOptions {
  /** @default 20 (ioredis) */
  maxRetriesPerRequest?: number | null;
  /** @default false */
  enableAutoPipelining?: boolean;
  /** @default true */
  enableOfflineQueue?: boolean;
  /** A command not answered within this many ms rejects. @default none (ioredis) */
  commandTimeout?: number;
  /**
   * Cluster only: one subscriber connection per primary, which SSUBSCRIBE needs (a single subscriber
   * would be answered MOVED for every channel whose slot another primary owns). @default false
   */
  shardedSubscribers?: boolean;
}

/**
 * The one place that opens Redis connections. `url` is the form `@chat/config` produces: `redis://…` for
 * one server, `redis-cluster://…` (seed nodes) for a Redis Cluster, where the client discovers every
 * primary and follows MOVED/ASK redirections itself.
 */
export function createRedisClient(url: string, options: RedisClientOptions = {}): RedisClient {
  const { shardedSubscribers, ...common } = options;
  const endpoint = parseRedisUrl(url);
  if (endpoint.kind === 'single') return new Redis(url, common);
  const { maxRetriesPerRequest, commandTimeout, ...clusterLevel } = common;
  return new Cluster(endpoint.nodes, {
    ...clusterLevel,
    shardedSubscribers,
    redisOptions: {
      maxRetriesPerRequest,
      commandTimeout,
      username: endpoint.username,
      password: endpoint.password,
      tls: endpoint.tls ? {} : undefined,
    },
  });
}

export function isRedisCluster(client: RedisClient): client is Cluster {
  return client instanceof Cluster;
}

/**
 * One string describes every Redis connection, so each consumer (engine, Socket.IO adapter, emitter) keeps
 * taking a single URL: `redis://` or `rediss://` for one server, and `redis-cluster://` or
 * `rediss-cluster://` followed by comma-separated seed nodes for a Redis Cluster. The cluster form is built
 * from REDIS_URL (credentials, TLS) and REDIS_CLUSTER_NODES (seeds) by `loadConfig`.
 */
export type RedisEndpoint =
  | { kind: 'single'; url: string }
  | {
      kind: 'cluster';
      nodes: { host: string; port: number }[];
      username?: string;
      password?: string;
      tls: boolean;
    };

const CLUSTER_URL = /^(rediss?)-cluster:\/\/(?:([^@/]*)@)?([^/?#]+)\/?$/;

/** `host:port` with a port, as REDIS_CLUSTER_NODES lists them. */
export const REDIS_NODE = /^[^\s:,/@]+:\d{1,5}$/;

export function isRedisClusterUrl(url: string): boolean {
  return CLUSTER_URL.test(url);
}

/** The cluster form of a connection: REDIS_URL's scheme and credentials, at the given seed nodes. */
export function redisClusterUrl(url: string, nodes: string[]): string {
  const parsed = new URL(url);
  const scheme = parsed.protocol === 'rediss:' ? 'rediss' : 'redis';
  const credentials = parsed.username || parsed.password ? `${parsed.username}:${parsed.password}@` : '';
  return `${scheme}-cluster://${credentials}${nodes.join(',')}`;
}

export function parseRedisUrl(url: string): RedisEndpoint {
  const match = CLUSTER_URL.exec(url);
  if (!match) return { kind: 'single', url };
  const [, scheme, credentials = '', hosts] = match;
  const separator = credentials.indexOf(':');
  const username = separator < 0 ? credentials : credentials.slice(0, separator);
  const password = separator < 0 ? '' : credentials.slice(separator + 1);
  return {
    kind: 'cluster',
    nodes: hosts.split(',').map((node) => {
      const at = node.lastIndexOf(':');
      return { host: node.slice(0, at), port: Number(node.slice(at + 1)) };
    }),
    ...(username ? { username: decodeURIComponent(username) } : {}),
    ...(password ? { password: decodeURIComponent(password) } : {}),
    tls: scheme === 'rediss',
  };
}

import { GatewayConfig } from './gateway.config';
import { loadConfig } from './load-config';
import { parseRedisUrl } from './redis-url';
import { RoomsConfig } from './rooms.config';

describe('Redis Cluster configuration', () => {
  it('keeps REDIS_URL as it is without cluster nodes', () => {
    const config = loadConfig(GatewayConfig, { REDIS_URL: 'redis://:pw@cache:6379/2' });
    expect(config.REDIS_URL).toBe('redis://:pw@cache:6379/2');
    expect(parseRedisUrl(config.REDIS_URL)).toEqual({ kind: 'single', url: 'redis://:pw@cache:6379/2' });
  });

  it('turns REDIS_URL into the cluster form: its credentials and TLS at the seed nodes', () => {
    const config = loadConfig(RoomsConfig, {
      REDIS_URL: 'rediss://chat:s%40cret@ignored:6379',
      REDIS_CLUSTER_NODES: 'redis-0.redis:6379, redis-1.redis:6380',
      SOCKET_ADAPTER: 'sharded',
    });
    expect(parseRedisUrl(config.REDIS_URL)).toEqual({
      kind: 'cluster',
      nodes: [
        { host: 'redis-0.redis', port: 6379 },
        { host: 'redis-1.redis', port: 6380 },
      ],
      username: 'chat',
      password: 's@cret',
      tls: true,
    });
  });

  it('refuses the classic adapter on a cluster, and seeds without a port', () => {
    expect(() => loadConfig(GatewayConfig, { REDIS_CLUSTER_NODES: '127.0.0.1:7000' })).toThrow(
      /SOCKET_ADAPTER must be sharded/,
    );
    expect(() =>
      loadConfig(RoomsConfig, { REDIS_CLUSTER_NODES: '127.0.0.1:7000', SOCKET_ADAPTER: 'redis' }),
    ).toThrow(/SOCKET_ADAPTER must be sharded/);
    expect(() =>
      loadConfig(GatewayConfig, { REDIS_CLUSTER_NODES: 'redis-0', SOCKET_ADAPTER: 'sharded' }),
    ).toThrow(/REDIS_CLUSTER_NODES must list host:port/);
  });
});

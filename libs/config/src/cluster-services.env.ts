import { IsString } from 'class-validator';
import type { EnvClass } from './env.transforms';
import { IsRedisClusterNodes } from './redis.env';

/**
 * The shared servers of every multi-process service, declared once. A mixin, because the services'
 * configurations already extend different bases (identity, gateway, token verification).
 */
export function WithSharedServers<Base extends EnvClass>(base: Base) {
  class SharedServersEnv extends base {
    /** MongoDB connection string. */
    @IsString() MONGO_URL = 'mongodb://127.0.0.1:27017/chat';

    /**
     * Redis: revocations, rate limits, pub/sub. With REDIS_CLUSTER_NODES only its credentials and scheme
     * (`rediss://` for TLS) are used.
     */
    @IsString() REDIS_URL = 'redis://127.0.0.1:6379';

    /** Seed nodes (`host:port`, comma-separated) of a Redis Cluster. Empty: one Redis at REDIS_URL. */
    @IsRedisClusterNodes() REDIS_CLUSTER_NODES: string[] = [];
  }
  return SharedServersEnv;
}

/** The services that verify tokens with auth's published keys (rooms, gateway). */
export function WithRemoteKeys<Base extends EnvClass>(base: Base) {
  class RemoteKeysEnv extends base {
    /** Where auth publishes its public keys. */
    @IsString() AUTH_JWKS_URL = 'http://127.0.0.1:3001/api/auth/jwks';
  }
  return RemoteKeysEnv;
}

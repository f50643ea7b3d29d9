import { IsString } from 'class-validator';
import { IdentityEnv } from './identity.env';
import { IsRedisClusterNodes } from './redis.env';

/** Configuration of the auth service (apps/auth). */
export class AuthConfig extends IdentityEnv {
  override PORT = 3001;

  /** MongoDB connection string. */
  @IsString() MONGO_URL = 'mongodb://127.0.0.1:27017/chat';

  /**
   * Redis connection string: revocations, rate limits, pub/sub. With REDIS_CLUSTER_NODES only its
   * credentials and scheme (`rediss://` for TLS) are used.
   */
  @IsString() REDIS_URL = 'redis://127.0.0.1:6379';

  /** Seed nodes (`host:port`, comma-separated) of a Redis Cluster. Empty: one Redis at REDIS_URL. */
  @IsRedisClusterNodes() REDIS_CLUSTER_NODES: string[] = [];
}

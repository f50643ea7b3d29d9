import { IsString } from 'class-validator';
import { IdentityEnv } from './identity.env';

/** Configuration of the auth service (apps/auth). */
export class AuthConfig extends IdentityEnv {
  override PORT = 3001;

  /** MongoDB connection string. */
  @IsString() MONGO_URL = 'mongodb://127.0.0.1:27017/chat';

  /** Redis connection string: revocations, rate limits, pub/sub. */
  @IsString() REDIS_URL = 'redis://127.0.0.1:6379';
}

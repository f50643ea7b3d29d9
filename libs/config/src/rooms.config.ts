import { IsString } from 'class-validator';
import { TokenVerificationEnv } from './token-verification.env';

/** Configuration of the rooms service (apps/rooms). */
export class RoomsConfig extends TokenVerificationEnv {
  override PORT = 3002;

  /** MongoDB connection string. */
  @IsString() MONGO_URL = 'mongodb://127.0.0.1:27017/chat';

  /** Redis: revocations, rate limits, and the Socket.IO emitter that reaches live sockets. */
  @IsString() REDIS_URL = 'redis://127.0.0.1:6379';

  /** Where auth publishes its public keys. */
  @IsString() AUTH_JWKS_URL = 'http://127.0.0.1:3001/api/auth/jwks';
}

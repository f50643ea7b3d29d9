import { IsIn, IsString } from 'class-validator';
import { TokenVerificationEnv } from './token-verification.env';

/** Configuration of the rooms service (apps/rooms). */
export class RoomsConfig extends TokenVerificationEnv {
  override PORT = 3002;

  /** MongoDB connection string. */
  @IsString() MONGO_URL = 'mongodb://127.0.0.1:27017/chat';

  /** Redis: revocations, rate limits, and the Socket.IO emitter that reaches live sockets. */
  @IsString() REDIS_URL = 'redis://127.0.0.1:6379';

  /**
   * The gateways' Socket.IO adapter: `redis` (live events through @socket.io/redis-emitter) or `sharded`
   * (live events relayed on the Redis bus, since the emitter cannot address sharded pub/sub).
   */
  @IsIn(['redis', 'sharded']) SOCKET_ADAPTER: 'redis' | 'sharded' = 'redis';

  /** Where auth publishes its public keys. */
  @IsString() AUTH_JWKS_URL = 'http://127.0.0.1:3001/api/auth/jwks';
}

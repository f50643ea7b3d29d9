import { IsString } from 'class-validator';
import { GatewayEnv } from './gateway.env';

/** Configuration of the gateway service (apps/gateway). */
export class GatewayConfig extends GatewayEnv {
  override PORT = 3003;
  override SHUTDOWN_GRACE_MS = 25_000;

  @IsString() MONGO_URL = 'mongodb://127.0.0.1:27017/chat';
  @IsString() REDIS_URL = 'redis://127.0.0.1:6379';
  @IsString() AUTH_JWKS_URL = 'http://127.0.0.1:3001/api/auth/jwks';
}

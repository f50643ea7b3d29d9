import { IsOptional, IsString } from 'class-validator';
import { IdentityEnv } from './identity.env';

/** Configuration of the single-process server (apps/standalone). */
export class StandaloneConfig extends IdentityEnv {
  override PORT = 8080;

  /** Use this MongoDB instead of the embedded store kept in DATA_DIR. */
  @IsOptional() @IsString() MONGO_URL?: string;
}

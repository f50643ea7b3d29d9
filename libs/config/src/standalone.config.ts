import { IsInt, IsOptional, IsString, Min } from 'class-validator';
import { ToInt } from './env.transforms';
import { IdentityEnv } from './identity.env';

/** Configuration of the single-process server (apps/standalone). */
export class StandaloneConfig extends IdentityEnv {
  override PORT = 8080;

  /** Use this MongoDB instead of the embedded store kept in DATA_DIR. */
  @IsOptional() @IsString() MONGO_URL?: string;

  /**
   * The embedded store lives in memory and is snapshotted to DATA_DIR/store.json this often (ms) and on
   * shutdown: a crash (SIGKILL, power loss) loses at most this much. Use MONGO_URL for full durability.
   */
  @ToInt() @IsInt() @Min(100) EMBEDDED_STORE_SNAPSHOT_MS = 1000;
}

import { IsIn, IsOptional, IsString } from 'class-validator';
import { WithAttachments } from './attachments.env';
import { IdentityEnv } from './identity.env';

/** Configuration of the single-process server (apps/standalone). */
export class StandaloneConfig extends WithAttachments(IdentityEnv) {
  override PORT = 8080;

  /** Use this MongoDB instead of the embedded database in DATA_DIR (chat.db, SQLite). */
  @IsOptional() @IsString() MONGO_URL?: string;

  /**
   * `FULL` (default): every acknowledged message is synced to disk before its ack, so it survives a power
   * loss. `NORMAL`: it survives a crash of the process (SIGKILL included) but not of the machine, and
   * saves the fsync (docs/operations.md gives the cost of each).
   */
  @IsIn(['FULL', 'NORMAL']) SQLITE_SYNCHRONOUS: 'FULL' | 'NORMAL' = 'FULL';
}

/**
 * `FULL`: a commit is synced to disk before it returns, so an acknowledged write survives a power loss.
 * `NORMAL` (in WAL mode): it survives a crash of the process, not of the machine, and costs no fsync.
 */
export type SqliteSynchronous = 'FULL' | 'NORMAL';

export interface SqliteOptions {
  /** The database file; `:memory:` for tests. */
  path: string;
  /** @default 'FULL' */
  synchronous?: SqliteSynchronous;
}

import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { applyMigrations, type SqliteMigration } from './sqlite-migrations';
import type { SqliteOptions } from './sqlite.options';

interface QueuedWrite {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * The single process's database: one SQLite file in WAL mode, opened once and shared by every library's
 * adapter (each owns its own tables).
 *
 * Writes are group-committed: every `write()` queued in one turn of the event loop runs in one
 * transaction, each inside a savepoint of its own, so one write's failure undoes only that write. The
 * commit, synced to disk under `synchronous=FULL`, happens once for all of them, and only then does any
 * of their promises settle. So an acknowledgement never precedes the durable commit, and a burst of sends
 * into many rooms costs one fsync instead of one each.
 */
export class SqliteDatabase {
  readonly db: Database.Database;
  private queue: QueuedWrite[] = [];
  private flushScheduled = false;
  private closed = false;

  constructor(options: SqliteOptions) {
    const inMemory = options.path === ':memory:';
    if (!inMemory) mkdirSync(dirname(options.path), { recursive: true, mode: 0o700 });
    const created = !inMemory && !existsSync(options.path);
    this.db = new Database(options.path);
    // The data is the users' messages and password hashes: readable by the server's user only.
    if (created) chmodSync(options.path, 0o600);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
  }

  migrate(owner: string, migrations: SqliteMigration[]): void {
    applyMigrations(this.db, owner, migrations);
  }

  /** Runs `work` (synchronous statements only) in the next group commit; settles after the commit. */
  write<T>(work: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the database is closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Reads see every committed write; a read needs no queue. */
  read<T>(work: () => T): Promise<T> {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.db.close();
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.db.exec('BEGIN IMMEDIATE');
      for (const { work } of batch) {
        this.db.exec('SAVEPOINT one_write');
        try {
          outcomes.push({ ok: true, value: work() });
          this.db.exec('RELEASE one_write');
        } catch (error) {
          this.db.exec('ROLLBACK TO one_write');
          this.db.exec('RELEASE one_write');
          outcomes.push({ ok: false, error });
        }
      }
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      for (const { reject } of batch) reject(error);
      return;
    }
    batch.forEach(({ resolve, reject }, index) => {
      const outcome = outcomes[index];
      if (outcome.ok) resolve(outcome.value);
      else reject(outcome.error);
    });
  }
}

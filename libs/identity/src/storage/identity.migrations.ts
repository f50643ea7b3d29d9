import type { SqliteMigration } from '@chat/platform/sqlite';

/** The identity library's tables in the single process's database. */
export const IDENTITY_MIGRATIONS: SqliteMigration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL,
        username_lower TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        roles TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        refresh_hash TEXT NOT NULL,
        spent_hashes TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked_at INTEGER
      ) STRICT;
      CREATE INDEX sessions_by_user ON sessions (user_id);
      CREATE INDEX sessions_by_expiry ON sessions (expires_at);
    `,
  },
  {
    // The refresh grace window: the last rotation's spent hash, when, and the successor sealed under
    // the spent token. NULL until a session's next refresh.
    version: 2,
    sql: `
      ALTER TABLE sessions ADD COLUMN previous_hash TEXT;
      ALTER TABLE sessions ADD COLUMN rotated_at INTEGER;
      ALTER TABLE sessions ADD COLUMN successor_sealed TEXT;
    `,
  },
];

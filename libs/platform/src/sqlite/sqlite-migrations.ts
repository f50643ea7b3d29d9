import type Database from 'better-sqlite3';

/** One step of a library's schema. Versions count from 1 and are never edited once released. */
export interface SqliteMigration {
  version: number;
  sql: string;
}

/**
 * Each library owns its tables and its migrations; `schema_versions` remembers, per owner, the last
 * version applied. Each step runs in a transaction with its version bump, so a crash mid-migration
 * leaves the previous version intact and the next start applies it again.
 */
export function applyMigrations(db: Database.Database, owner: string, migrations: SqliteMigration[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_versions (owner TEXT PRIMARY KEY, version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM schema_versions WHERE owner = ?').get(owner) as
    { version: number } | undefined;
  const current = row?.version ?? 0;
  const pending = [...migrations].sort((a, b) => a.version - b.version).filter((m) => m.version > current);
  for (const migration of pending) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare(
        'INSERT INTO schema_versions (owner, version) VALUES (?, ?) ON CONFLICT(owner) DO UPDATE SET version = excluded.version',
      ).run(owner, migration.version);
    })();
  }
}

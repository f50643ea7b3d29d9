import type { SqliteMigration } from '@chat/platform/sqlite';

/** The attachments library's table in the single process's database. */
export const ATTACHMENTS_MIGRATIONS: SqliteMigration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE attachments (
        id TEXT PRIMARY KEY,
        room_id TEXT NOT NULL,
        uploader_id TEXT NOT NULL,
        name TEXT NOT NULL,
        content_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        width INTEGER,
        height INTEGER,
        has_thumbnail INTEGER NOT NULL DEFAULT 0,
        message_id TEXT,
        deleted INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX attachments_by_message ON attachments (message_id, created_at);
      CREATE INDEX attachments_by_room ON attachments (room_id);
    `,
  },
];

import type { SqliteMigration } from '@chat/platform/sqlite';

/**
 * The messages library's tables in the single process's database. Search is FTS5 over an external
 * content table, kept in step by triggers; deleted messages have an empty body, so they match nothing.
 */
export const MESSAGES_MIGRATIONS: SqliteMigration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        room_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        sender_id TEXT NOT NULL,
        client_msg_id TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        edited_at INTEGER,
        deleted INTEGER NOT NULL DEFAULT 0,
        reactions TEXT NOT NULL DEFAULT '[]',
        UNIQUE (room_id, seq),
        UNIQUE (sender_id, client_msg_id)
      ) STRICT;
      CREATE VIRTUAL TABLE messages_fts USING fts5(
        body, content = 'messages', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts (rowid, body) VALUES (new.rowid, new.body);
      END;
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.rowid, old.body);
      END;
      CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.rowid, old.body);
        INSERT INTO messages_fts (rowid, body) VALUES (new.rowid, new.body);
      END;
    `,
  },
  {
    // Revs (PROTOCOL.md 1.1): a message stored before them takes its seq, as the room's counter does.
    version: 2,
    sql: `
      ALTER TABLE messages ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
      UPDATE messages SET rev = seq;
      CREATE INDEX messages_by_rev ON messages (room_id, rev);
    `,
  },
  {
    // Attachments (PROTOCOL.md 1.1): a snapshot of the files sent with each message, as JSON.
    version: 3,
    sql: `ALTER TABLE messages ADD COLUMN attachments TEXT NOT NULL DEFAULT '[]';`,
  },
  {
    // Mentions (PROTOCOL.md 1.1): the member ids a body names, as JSON.
    version: 4,
    sql: `ALTER TABLE messages ADD COLUMN mentions TEXT NOT NULL DEFAULT '[]';`,
  },
  {
    // Notifications (PROTOCOL.md 1.1): a message is marked until its notifications are queued, by a row
    // of its own beside it (inserted in the message's transaction), so that marking and clearing never
    // rewrite the message row. Messages stored before this release are not marked.
    version: 5,
    sql: `
      CREATE TABLE notify_pending (message_id TEXT PRIMARY KEY, due_at INTEGER NOT NULL) STRICT;
      CREATE INDEX notify_pending_due ON notify_pending (due_at);
    `,
  },
];

import type { SqliteMigration } from '@chat/platform/sqlite';

/** The rooms library's tables in the single process's database. */
export const ROOMS_MIGRATIONS: SqliteMigration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE rooms (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('room', 'direct')),
        name TEXT,
        name_lower TEXT,
        topic TEXT NOT NULL,
        visibility TEXT NOT NULL CHECK (visibility IN ('public', 'private')),
        owner_id TEXT,
        member_ids TEXT NOT NULL,
        member_count INTEGER NOT NULL CHECK (member_count >= 0),
        last_seq INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        last_activity_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX rooms_directory ON rooms (kind, visibility, id);
      CREATE INDEX rooms_by_name ON rooms (name_lower);
      CREATE TABLE memberships (
        id TEXT PRIMARY KEY,
        room_id TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
        joined_at INTEGER NOT NULL,
        last_read_seq INTEGER NOT NULL,
        UNIQUE (room_id, user_id)
      ) STRICT;
      CREATE INDEX memberships_by_user ON memberships (user_id);
    `,
  },
  {
    // The rev counter (PROTOCOL.md 1.1). Existing messages take rev = seq, so it starts at last_seq.
    version: 2,
    sql: `
      ALTER TABLE rooms ADD COLUMN last_rev INTEGER NOT NULL DEFAULT 0;
      UPDATE rooms SET last_rev = last_seq;
    `,
  },
  {
    // A member's notification level for the room (PROTOCOL.md 1.1); NULL is the room kind's default.
    version: 3,
    sql: `ALTER TABLE memberships ADD COLUMN notification_level TEXT CHECK (notification_level IN ('all', 'mentions', 'none'));`,
  },
];

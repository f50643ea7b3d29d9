import type { SqliteMigration } from '@chat/platform/sqlite';

export const NOTIFICATIONS_MIGRATIONS: SqliteMigration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE push_subscriptions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        device TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX push_subscriptions_by_user ON push_subscriptions (user_id, created_at);
      CREATE TABLE notification_outbox (
        id TEXT PRIMARY KEY,
        subscription_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        room_id TEXT NOT NULL,
        first_seq INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        message_id TEXT NOT NULL,
        sender_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        preview TEXT,
        count INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        merge_until INTEGER NOT NULL,
        due_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        leased INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX notification_outbox_due ON notification_outbox (due_at);
      CREATE INDEX notification_outbox_device_room ON notification_outbox (subscription_id, room_id);
    `,
  },
  {
    // A subscription belongs to the session that registered it (signing out stops its notifications).
    version: 2,
    sql: `ALTER TABLE push_subscriptions ADD COLUMN session_id TEXT NOT NULL DEFAULT '';`,
  },
];

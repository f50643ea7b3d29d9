import { Injectable } from '@nestjs/common';
import { SqliteDatabase } from '@chat/platform/sqlite';
import type { PushSubscriptionRecord } from '../push-subscription.record';
import { PushSubscriptionsRepository } from '../push-subscriptions.repository';

interface SubscriptionRow {
  id: string;
  user_id: string;
  session_id: string;
  kind: string;
  /** JSON of the kind's own fields. */
  device: string;
  created_at: number;
}

function toRecord(row: SubscriptionRow): PushSubscriptionRecord {
  return {
    id: row.id,
    userId: row.user_id,
    sessionId: row.session_id,
    createdAt: new Date(row.created_at),
    ...(JSON.parse(row.device) as object),
  } as PushSubscriptionRecord;
}

function deviceOf(record: PushSubscriptionRecord): string {
  return JSON.stringify(
    record.kind === 'webpush'
      ? { kind: record.kind, endpoint: record.endpoint, p256dh: record.p256dh, auth: record.auth }
      : { kind: record.kind, appId: record.appId, pushkey: record.pushkey },
  );
}

/** Push subscriptions on SQLite: the limit check and the write are one transaction. */
@Injectable()
export class SqlitePushSubscriptionsRepository extends PushSubscriptionsRepository {
  private readonly statements;

  constructor(private readonly database: SqliteDatabase) {
    super();
    const db = database.db;
    this.statements = {
      upsert: db.prepare(
        `INSERT INTO push_subscriptions (id, user_id, session_id, kind, device, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, session_id = excluded.session_id, device = excluded.device`,
      ),
      countOthers: db.prepare<[string, string], { n: number }>(
        'SELECT COUNT(*) AS n FROM push_subscriptions WHERE user_id = ? AND id <> ?',
      ),
      byId: db.prepare<[string], SubscriptionRow>('SELECT * FROM push_subscriptions WHERE id = ?'),
      byUser: db.prepare<[string], SubscriptionRow>(
        'SELECT * FROM push_subscriptions WHERE user_id = ? ORDER BY created_at, id',
      ),
      remove: db.prepare('DELETE FROM push_subscriptions WHERE id = ?'),
      removeOwn: db.prepare('DELETE FROM push_subscriptions WHERE id = ? AND user_id = ?'),
    };
  }

  put(record: PushSubscriptionRecord, maxPerUser: number): Promise<PushSubscriptionRecord | null> {
    return this.database.write(() => {
      if (this.statements.countOthers.get(record.userId, record.id)!.n >= maxPerUser) return null;
      this.statements.upsert.run(
        record.id,
        record.userId,
        record.sessionId,
        record.kind,
        deviceOf(record),
        record.createdAt.getTime(),
      );
      return toRecord(this.statements.byId.get(record.id)!);
    });
  }

  findById(id: string): Promise<PushSubscriptionRecord | null> {
    return this.database.read(() => {
      const row = this.statements.byId.get(id);
      return row ? toRecord(row) : null;
    });
  }

  listByUser(userId: string): Promise<PushSubscriptionRecord[]> {
    return this.database.read(() => this.statements.byUser.all(userId).map(toRecord));
  }

  remove(id: string, userId?: string): Promise<boolean> {
    return this.database.write(
      () =>
        (userId === undefined ? this.statements.remove.run(id) : this.statements.removeOwn.run(id, userId))
          .changes > 0,
    );
  }
}

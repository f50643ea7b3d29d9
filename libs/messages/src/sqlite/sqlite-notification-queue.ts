import { Injectable } from '@nestjs/common';
import { SqliteDatabase } from '@chat/platform/sqlite';
import type { MessageRecord } from '../message.record';
import { byRoomThenSeq, NotificationQueue } from '../notification-queue';
import { toRecord, type MessageRow } from './message-row';

/** The mark is `notify_at`: due time, pushed forward by a lease; NULL once settled. */
@Injectable()
export class SqliteNotificationQueue extends NotificationQueue {
  private readonly statements;

  constructor(private readonly database: SqliteDatabase) {
    super();
    const db = database.db;
    this.statements = {
      lease: db.prepare<[number, number, number], MessageRow>(
        `UPDATE messages SET notify_at = ?
         WHERE rowid IN (SELECT rowid FROM messages WHERE notify_at IS NOT NULL AND notify_at <= ? ORDER BY notify_at LIMIT ?)
         RETURNING *`,
      ),
      settle: db.prepare('UPDATE messages SET notify_at = NULL WHERE id = ?'),
    };
  }

  lease(limit: number, leaseMs: number, now: Date): Promise<MessageRecord[]> {
    return this.database.write(() =>
      this.statements.lease
        .all(now.getTime() + leaseMs, now.getTime(), limit)
        .map(toRecord)
        .sort(byRoomThenSeq),
    );
  }

  async settle(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.database.write(() => {
      for (const id of ids) this.statements.settle.run(id);
    });
  }
}

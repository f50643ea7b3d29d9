import { Injectable } from '@nestjs/common';
import type { NotificationReason } from '@chat/contracts';
import { SqliteDatabase } from '@chat/platform/sqlite';
import { NotificationOutbox } from '../notification-outbox';
import { strongerReason, type EnqueueOutcome, type OutboxNotification } from '../outbox-notification';

interface OutboxRow {
  id: string;
  subscription_id: string;
  user_id: string;
  room_id: string;
  first_seq: number;
  seq: number;
  message_id: string;
  sender_id: string;
  reason: string;
  preview: string | null;
  count: number;
  created_at: number;
  merge_until: number;
  due_at: number;
  attempts: number;
  leased: number;
}

function toNotification(row: OutboxRow): OutboxNotification {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    userId: row.user_id,
    roomId: row.room_id,
    firstSeq: row.first_seq,
    seq: row.seq,
    messageId: row.message_id,
    senderId: row.sender_id,
    reason: row.reason as NotificationReason,
    preview: row.preview,
    count: row.count,
    createdAt: new Date(row.created_at),
    mergeUntil: new Date(row.merge_until),
    dueAt: new Date(row.due_at),
    attempts: row.attempts,
  };
}

/** The outbox on SQLite: each enqueue's read and write are one transaction. */
@Injectable()
export class SqliteNotificationOutbox extends NotificationOutbox {
  private readonly statements;

  constructor(private readonly database: SqliteDatabase) {
    super();
    const db = database.db;
    this.statements = {
      ofDeviceRoom: db.prepare<[string, string], OutboxRow>(
        'SELECT * FROM notification_outbox WHERE subscription_id = ? AND room_id = ? ORDER BY seq DESC',
      ),
      merge: db.prepare(
        `UPDATE notification_outbox SET seq = ?, message_id = ?, sender_id = ?, reason = ?, preview = ?, count = count + 1
         WHERE id = ?`,
      ),
      insert: db.prepare(
        `INSERT INTO notification_outbox (id, subscription_id, user_id, room_id, first_seq, seq, message_id, sender_id,
           reason, preview, count, created_at, merge_until, due_at, attempts)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT (id) DO NOTHING`,
      ),
      lease: db.prepare<[number, number, number], OutboxRow>(
        `UPDATE notification_outbox SET due_at = ?, leased = 1
         WHERE id IN (SELECT id FROM notification_outbox WHERE due_at <= ? ORDER BY due_at LIMIT ?)
         RETURNING *`,
      ),
      remove: db.prepare('DELETE FROM notification_outbox WHERE id = ?'),
      reschedule: db.prepare(
        'UPDATE notification_outbox SET due_at = ?, attempts = ?, leased = 0 WHERE id = ?',
      ),
    };
  }

  enqueue(n: OutboxNotification, now: Date): Promise<EnqueueOutcome> {
    return this.database.write(() => {
      const existing = this.statements.ofDeviceRoom.all(n.subscriptionId, n.roomId);
      if (existing.some((row) => row.first_seq <= n.seq && n.seq <= row.seq)) return 'covered';
      const open = existing.find(
        (row) => row.leased === 0 && row.attempts === 0 && row.merge_until > now.getTime() && row.seq < n.seq,
      );
      if (open) {
        const reason = strongerReason(open.reason as NotificationReason, n.reason);
        this.statements.merge.run(n.seq, n.messageId, n.senderId, reason, n.preview, open.id);
        return 'merged';
      }
      const inserted = this.statements.insert.run(
        n.id,
        n.subscriptionId,
        n.userId,
        n.roomId,
        n.firstSeq,
        n.seq,
        n.messageId,
        n.senderId,
        n.reason,
        n.preview,
        n.count,
        n.createdAt.getTime(),
        n.mergeUntil.getTime(),
        n.dueAt.getTime(),
      );
      return inserted.changes > 0 ? 'queued' : 'covered';
    });
  }

  lease(limit: number, leaseMs: number, now: Date): Promise<OutboxNotification[]> {
    return this.database.write(() =>
      this.statements.lease
        .all(now.getTime() + leaseMs, now.getTime(), limit)
        .map(toNotification)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()),
    );
  }

  async remove(id: string): Promise<void> {
    await this.database.write(() => this.statements.remove.run(id));
  }

  async reschedule(id: string, dueAt: Date, attempts: number): Promise<void> {
    await this.database.write(() => this.statements.reschedule.run(dueAt.getTime(), attempts, id));
  }
}

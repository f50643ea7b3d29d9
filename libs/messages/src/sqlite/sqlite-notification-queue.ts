import { Injectable } from '@nestjs/common';
import { SqliteDatabase } from '@chat/platform/sqlite';
import type { MessageRecord } from '../message.record';
import { byRoomThenSeq, NotificationQueue } from '../notification-queue';
import { toRecord, type MessageRow } from './message-row';

/**
 * The mark is a row of `notify_pending`, written in the message's transaction and deleted once settled.
 * One process owns an SQLite file, so leases live in this process's memory: they keep a slow batch's
 * messages from being derived twice at once, and vanish with a crash, when everything unsettled is due.
 */
@Injectable()
export class SqliteNotificationQueue extends NotificationQueue {
  private readonly statements;
  /** message id → when its lease lapses (ms) */
  private readonly leases = new Map<string, number>();

  constructor(private readonly database: SqliteDatabase) {
    super();
    const db = database.db;
    this.statements = {
      due: db.prepare<[number, number], { message_id: string }>(
        'SELECT message_id FROM notify_pending WHERE due_at <= ? ORDER BY due_at LIMIT ?',
      ),
      message: db.prepare<[string], MessageRow>('SELECT * FROM messages WHERE id = ?'),
      settle: db.prepare('DELETE FROM notify_pending WHERE message_id = ?'),
    };
  }

  async lease(limit: number, leaseMs: number, now: Date): Promise<MessageRecord[]> {
    const at = now.getTime();
    for (const [id, until] of this.leases) if (until <= at) this.leases.delete(id);
    const { rows, orphans } = await this.database.read(() => {
      const found: MessageRow[] = [];
      const missing: string[] = [];
      // Over-fetch by what is leased already, which the filter below skips.
      for (const { message_id: id } of this.statements.due.all(at, limit + this.leases.size)) {
        if (this.leases.has(id) || found.length + missing.length >= limit) continue;
        const row = this.statements.message.get(id);
        // Leased in the same synchronous step as it is read: a concurrent lease cannot take it too.
        if (row) this.leases.set(id, at + leaseMs);
        if (row) found.push(row);
        else missing.push(id);
      }
      return { rows: found, orphans: missing };
    });
    // A mark whose message is gone (its room was deleted meanwhile) has nothing left to derive.
    if (orphans.length > 0) await this.settle(orphans);
    return rows.map(toRecord).sort(byRoomThenSeq);
  }

  async settle(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.database.write(() => {
      for (const id of ids) this.statements.settle.run(id);
    });
    for (const id of ids) this.leases.delete(id);
  }
}

import { Injectable } from '@nestjs/common';
import { SqliteDatabase } from '@chat/platform/sqlite';
import {
  newRecord,
  type ChangedPage,
  type MessageDraft,
  type MessageRecord,
  type PageQuery,
  type ReactionPair,
  type StoredDraft,
} from '../message.record';
import { MessagesRepository } from '../messages.repository';
import { SeqAllocatorInTransaction } from '../seq-allocator';
import { ftsQuery } from './fts-query';
import { toRecord, type MessageRow } from './message-row';

/**
 * Messages on SQLite. A batch is one write: the room's counter advances and the rows are inserted in the
 * same transaction, which the database group-commits with every other write pending at that moment. So
 * a seq is never handed out without its message being stored, and never reused after a crash. Every
 * change takes its rev in the transaction that makes it, so revs commit in order and a reader never
 * meets one still in flight.
 */
@Injectable()
export class SqliteMessagesRepository extends MessagesRepository {
  private readonly statements;

  constructor(
    private readonly database: SqliteDatabase,
    private readonly allocator: SeqAllocatorInTransaction,
    private readonly markForNotifications = true,
  ) {
    super();
    const db = database.db;
    this.statements = {
      insert: db.prepare(
        `INSERT INTO messages (id, room_id, seq, rev, sender_id, client_msg_id, body, created_at, attachments, mentions)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      restore: db.prepare(
        `INSERT INTO messages (id, room_id, seq, rev, sender_id, client_msg_id, body, created_at, edited_at, deleted, reactions)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      ),
      markPending: db.prepare('INSERT INTO notify_pending (message_id, due_at) VALUES (?, ?)'),
      byId: db.prepare<[string], MessageRow>('SELECT * FROM messages WHERE id = ?'),
      inRoom: db.prepare<[string, string], MessageRow>('SELECT * FROM messages WHERE id = ? AND room_id = ?'),
      latest: db.prepare<[string, number], MessageRow>(
        'SELECT * FROM messages WHERE room_id = ? ORDER BY seq DESC LIMIT ?',
      ),
      before: db.prepare<[string, number, number], MessageRow>(
        'SELECT * FROM messages WHERE room_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
      ),
      after: db.prepare<[string, number, number], MessageRow>(
        'SELECT * FROM messages WHERE room_id = ? AND seq > ? ORDER BY seq ASC LIMIT ?',
      ),
      changedAfter: db.prepare<[string, number, number], MessageRow>(
        'SELECT * FROM messages WHERE room_id = ? AND rev > ? ORDER BY rev ASC LIMIT ?',
      ),
      lastRev: db.prepare<[string], { last: number | null }>(
        'SELECT MAX(rev) AS last FROM messages WHERE room_id = ?',
      ),
      search: db.prepare<[string, string, number], MessageRow>(
        `SELECT m.* FROM messages_fts JOIN messages m ON m.rowid = messages_fts.rowid
         WHERE messages_fts MATCH ? AND m.room_id = ? AND m.deleted = 0
         ORDER BY m.seq DESC LIMIT ?`,
      ),
      edit: db.prepare('UPDATE messages SET body = ?, mentions = ?, edited_at = ?, rev = ? WHERE id = ?'),
      softDelete: db.prepare(
        "UPDATE messages SET deleted = 1, body = '', reactions = '[]', attachments = '[]', mentions = '[]', rev = ? WHERE id = ?",
      ),
      setReactions: db.prepare('UPDATE messages SET reactions = ?, rev = ? WHERE id = ?'),
      deleteRoom: db.prepare('DELETE FROM messages WHERE room_id = ?'),
      deleteRoomPending: db.prepare(
        'DELETE FROM notify_pending WHERE message_id IN (SELECT id FROM messages WHERE room_id = ?)',
      ),
    };
  }

  appendBatch(roomId: string, drafts: MessageDraft[]): Promise<Map<string, StoredDraft>> {
    return this.database.write(() => {
      const outcomes = new Map<string, StoredDraft>();
      const fresh: MessageDraft[] = [];
      for (const draft of drafts) {
        const existing = this.statements.byId.get(draft.id);
        if (existing) outcomes.set(draft.id, { record: toRecord(existing), ours: false });
        else fresh.push(draft);
      }
      if (fresh.length === 0) return outcomes;
      const { firstSeq, firstRev } = this.allocator.allocateNow(roomId, fresh.length, fresh[0].createdAt);
      fresh.forEach((draft, index) => {
        const record = newRecord(draft, firstSeq + index, firstRev + index);
        this.statements.insert.run(
          record.id,
          roomId,
          record.seq,
          record.rev,
          record.senderId,
          record.clientMsgId,
          record.body,
          record.createdAt.getTime(),
          JSON.stringify(record.attachments),
          JSON.stringify(record.mentions),
        );
        // Marked for the notification queue in the same transaction (NotificationQueue).
        if (this.markForNotifications) this.statements.markPending.run(record.id, record.createdAt.getTime());
        outcomes.set(record.id, { record, ours: true });
      });
      return outcomes;
    });
  }

  /** Inside the caller's transaction, seq as given (the one-time import of an old data folder). */
  restore(record: MessageRecord): void {
    this.statements.restore.run(
      record.id,
      record.roomId,
      record.seq,
      // Data folders from before revs: each message's rev is its seq, as the migration sets it.
      record.rev ?? record.seq,
      record.senderId,
      record.clientMsgId,
      record.body,
      record.createdAt.getTime(),
      record.editedAt?.getTime() ?? null,
      record.deleted ? 1 : 0,
      JSON.stringify(record.reactions ?? []),
    );
  }

  findInRoom(roomId: string, messageId: string): Promise<MessageRecord | null> {
    return this.database.read(() => this.one(this.statements.inRoom.get(messageId, roomId)));
  }

  page(roomId: string, query: PageQuery): Promise<MessageRecord[]> {
    const limit = query.limit + 1;
    return this.database.read(() => {
      const rows =
        query.beforeSeq !== undefined
          ? this.statements.before.all(roomId, query.beforeSeq, limit)
          : query.afterSeq !== undefined
            ? this.statements.after.all(roomId, query.afterSeq, limit)
            : this.statements.latest.all(roomId, limit);
      return rows.map(toRecord);
    });
  }

  search(roomId: string, text: string, limit: number): Promise<MessageRecord[]> {
    const query = ftsQuery(text);
    if (!query) return Promise.resolve([]);
    return this.database.read(() => this.statements.search.all(query, roomId, limit).map(toRecord));
  }

  changedAfter(roomId: string, afterRev: number, limit: number): Promise<ChangedPage> {
    return this.database.read(() => ({
      rows: this.statements.changedAfter.all(roomId, afterRev, limit + 1).map(toRecord),
      through: Math.max(afterRev, this.statements.lastRev.get(roomId)?.last ?? 0),
      truncated: false,
    }));
  }

  settledRev(roomId: string): Promise<number> {
    return this.database.read(() => this.statements.lastRev.get(roomId)?.last ?? 0);
  }

  editBody(
    roomId: string,
    id: string,
    senderId: string,
    body: string,
    mentions?: string[],
  ): Promise<MessageRecord | null> {
    return this.changeRow(roomId, id, (row, rev) => {
      if (row.sender_id !== senderId || row.deleted === 1) return false;
      this.statements.edit.run(
        body,
        mentions ? JSON.stringify(mentions) : row.mentions,
        Date.now(),
        rev(),
        id,
      );
      return true;
    });
  }

  softDelete(roomId: string, id: string): Promise<MessageRecord | null> {
    return this.changeRow(roomId, id, (_row, rev) => {
      this.statements.softDelete.run(rev(), id);
      return true;
    });
  }

  addReaction(roomId: string, id: string, emoji: string, userId: string): Promise<MessageRecord | null> {
    return this.changeReactions(roomId, id, (pairs, row) => {
      if (row.deleted === 1) return null;
      const present = pairs.some((pair) => pair.emoji === emoji && pair.userId === userId);
      return present ? pairs : [...pairs, { emoji, userId }];
    });
  }

  removeReaction(roomId: string, id: string, emoji: string, userId: string): Promise<MessageRecord | null> {
    return this.changeReactions(roomId, id, (pairs) =>
      pairs.filter((pair) => !(pair.emoji === emoji && pair.userId === userId)),
    );
  }

  async deleteRoom(roomId: string): Promise<void> {
    await this.database.write(() => {
      this.statements.deleteRoomPending.run(roomId);
      this.statements.deleteRoom.run(roomId);
    });
  }

  /** Read, change and write back in one transaction: concurrent reactions never lose each other. */
  private changeReactions(
    roomId: string,
    id: string,
    change: (pairs: ReactionPair[], row: MessageRow) => ReactionPair[] | null,
  ): Promise<MessageRecord | null> {
    return this.changeRow(roomId, id, (row, rev) => {
      const next = change(JSON.parse(row.reactions) as ReactionPair[], row);
      if (!next) return false;
      this.statements.setReactions.run(JSON.stringify(next), rev(), id);
      return true;
    });
  }

  /**
   * One change to one row in one write transaction; `apply` takes the room's next rev only when it
   * changes something, so the rev and the change commit together or not at all.
   * @returns the changed row, or null when the message is absent or `apply` declined
   */
  private changeRow(
    roomId: string,
    id: string,
    apply: (row: MessageRow, rev: () => number) => boolean,
  ): Promise<MessageRecord | null> {
    return this.database.write(() => {
      const row = this.statements.inRoom.get(id, roomId);
      if (!row || !apply(row, () => this.allocator.allocateRevNow(roomId))) return null;
      return this.one(this.statements.byId.get(id));
    });
  }

  private one(row: MessageRow | undefined): MessageRecord | null {
    return row ? toRecord(row) : null;
  }
}

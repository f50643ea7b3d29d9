import { SqliteDatabase } from '@chat/platform/sqlite';
import type { AttachmentClaim, AttachmentRecord } from '../attachment.record';
import { AttachmentsRepository } from '../attachments.repository';

interface AttachmentRow {
  id: string;
  room_id: string;
  uploader_id: string;
  name: string;
  content_type: string;
  size: number;
  width: number | null;
  height: number | null;
  has_thumbnail: number;
  message_id: string | null;
  deleted: number;
  created_at: number;
}

function toRecord(row: AttachmentRow): AttachmentRecord {
  return {
    id: row.id,
    roomId: row.room_id,
    uploaderId: row.uploader_id,
    name: row.name,
    contentType: row.content_type,
    size: row.size,
    width: row.width,
    height: row.height,
    hasThumbnail: row.has_thumbnail === 1,
    messageId: row.message_id,
    deleted: row.deleted === 1,
    createdAt: new Date(row.created_at),
  };
}

/** Attachments on SQLite: each change is one write, group-committed with the rest. */
export class SqliteAttachmentsRepository extends AttachmentsRepository {
  private readonly statements;

  constructor(private readonly database: SqliteDatabase) {
    super();
    const db = database.db;
    this.statements = {
      insert: db.prepare(
        `INSERT INTO attachments (id, room_id, uploader_id, name, content_type, size, width, height,
           has_thumbnail, message_id, deleted, created_at)
         VALUES (@id, @room_id, @uploader_id, @name, @content_type, @size, @width, @height,
           @has_thumbnail, @message_id, @deleted, @created_at)`,
      ),
      byId: db.prepare<[string], AttachmentRow>('SELECT * FROM attachments WHERE id = ?'),
      claim: db.prepare(
        `UPDATE attachments SET message_id = @messageId
         WHERE id = @id AND room_id = @roomId AND uploader_id = @uploaderId AND deleted = 0
           AND (message_id IS NULL OR message_id = @messageId)`,
      ),
      release: db.prepare('UPDATE attachments SET message_id = NULL WHERE id = ? AND message_id = ?'),
      markDeleted: db.prepare('UPDATE attachments SET deleted = 1 WHERE message_id = ?'),
      sweepable: db.prepare<[number, number], AttachmentRow>(
        `SELECT * FROM attachments WHERE deleted = 1 OR (message_id IS NULL AND created_at < ?) LIMIT ?`,
      ),
      roomIds: db.prepare<[number], { room_id: string }>('SELECT DISTINCT room_id FROM attachments LIMIT ?'),
      byRoom: db.prepare<[string, number], AttachmentRow>(
        'SELECT * FROM attachments WHERE room_id = ? LIMIT ?',
      ),
      remove: db.prepare('DELETE FROM attachments WHERE id = ?'),
      removeSweepable: db.prepare(
        'DELETE FROM attachments WHERE id = ? AND (deleted = 1 OR (message_id IS NULL AND created_at < ?))',
      ),
    };
  }

  async insert(record: AttachmentRecord): Promise<void> {
    await this.database.write(() =>
      this.statements.insert.run({
        id: record.id,
        room_id: record.roomId,
        uploader_id: record.uploaderId,
        name: record.name,
        content_type: record.contentType,
        size: record.size,
        width: record.width,
        height: record.height,
        has_thumbnail: record.hasThumbnail ? 1 : 0,
        message_id: record.messageId,
        deleted: record.deleted ? 1 : 0,
        created_at: record.createdAt.getTime(),
      }),
    );
  }

  findById(id: string): Promise<AttachmentRecord | null> {
    return this.database.read(() => {
      const row = this.statements.byId.get(id);
      return row ? toRecord(row) : null;
    });
  }

  claim(id: string, claim: AttachmentClaim): Promise<{ record: AttachmentRecord; took: boolean } | null> {
    return this.database.write(() => {
      const before = this.statements.byId.get(id);
      if (!before || this.statements.claim.run({ id, ...claim }).changes === 0) return null;
      return {
        record: { ...toRecord(before), messageId: claim.messageId },
        took: before.message_id === null,
      };
    });
  }

  async release(id: string, messageId: string): Promise<void> {
    await this.database.write(() => this.statements.release.run(id, messageId));
  }

  async markDeleted(messageId: string): Promise<void> {
    await this.database.write(() => this.statements.markDeleted.run(messageId));
  }

  listSweepable(unclaimedBefore: Date, limit: number): Promise<AttachmentRecord[]> {
    return this.database.read(() =>
      this.statements.sweepable.all(unclaimedBefore.getTime(), limit).map(toRecord),
    );
  }

  roomIds(limit: number): Promise<string[]> {
    return this.database.read(() => this.statements.roomIds.all(limit).map((row) => row.room_id));
  }

  listByRoom(roomId: string, limit: number): Promise<AttachmentRecord[]> {
    return this.database.read(() => this.statements.byRoom.all(roomId, limit).map(toRecord));
  }

  remove(id: string, unclaimedBefore?: Date): Promise<boolean> {
    return this.database.write(
      () =>
        (unclaimedBefore
          ? this.statements.removeSweepable.run(id, unclaimedBefore.getTime())
          : this.statements.remove.run(id)
        ).changes > 0,
    );
  }
}

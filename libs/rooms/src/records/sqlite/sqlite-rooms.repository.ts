import { Injectable } from '@nestjs/common';
import { prefixRange, SqliteDatabase } from '@chat/platform/sqlite';
import type { DirectoryQuery, NewMember, RoomChanges, RoomCounters, RoomRecord } from '../room.record';
import { newMembership } from '../room-keys';
import { RoomsRepository } from '../rooms.repository';
import { INSERT_MEMBERSHIP, membershipParams, roomFromRow, type RoomRow } from './sqlite-rows';

/** Ids are 24 hex digits: every one sorts below this. */
const AFTER_EVERY_ID = 'g';

const CHANGE_COLUMNS: Record<keyof RoomChanges, string> = {
  name: 'name',
  nameLower: 'name_lower',
  topic: 'topic',
  visibility: 'visibility',
  ownerId: 'owner_id',
};

/** Rooms on SQLite: a room and its first members in one transaction; seqs from one UPDATE. */
@Injectable()
export class SqliteRoomsRepository extends RoomsRepository {
  private readonly statements;

  constructor(private readonly database: SqliteDatabase) {
    super();
    const db = database.db;
    this.statements = {
      insertRoom: db.prepare(
        `INSERT INTO rooms (id, kind, name, name_lower, topic, visibility, owner_id, member_ids, member_count,
           last_seq, last_rev, created_at, last_activity_at)
         VALUES (@id, @kind, @name, @name_lower, @topic, @visibility, @owner_id, @member_ids, @member_count,
           @last_seq, @last_seq, @created_at, @last_activity_at)
         ON CONFLICT DO NOTHING`,
      ),
      insertMembership: db.prepare(INSERT_MEMBERSHIP),
      byId: db.prepare<[string], RoomRow>('SELECT * FROM rooms WHERE id = ?'),
      directory: db.prepare<[string, string, string, number], RoomRow>(
        `SELECT * FROM rooms WHERE kind = 'room' AND visibility = 'public' AND id < ?
           AND coalesce(name_lower, '') >= ? AND coalesce(name_lower, '') < ?
         ORDER BY id DESC LIMIT ?`,
      ),
      delete: db.prepare('DELETE FROM rooms WHERE id = ?'),
      reserve: db.prepare<{ count: number; at: number; id: string }, { last_seq: number; last_rev: number }>(
        `UPDATE rooms SET last_seq = last_seq + @count, last_rev = last_rev + @count, last_activity_at = @at
         WHERE id = @id RETURNING last_seq, last_rev`,
      ),
      reserveRev: db.prepare<[string], { last_rev: number }>(
        'UPDATE rooms SET last_rev = last_rev + 1 WHERE id = ? RETURNING last_rev',
      ),
    };
  }

  create(room: RoomRecord, members: NewMember[]): Promise<boolean> {
    return this.database.write(() => {
      const created = this.restore(room);
      for (const member of members)
        this.statements.insertMembership.run(
          membershipParams(newMembership(room.id, member, room.createdAt)),
        );
      return created;
    });
  }

  /** Inside the caller's transaction: the room row alone (also the one-time import of an old data folder). */
  restore(room: RoomRecord): boolean {
    return (
      this.statements.insertRoom.run({
        id: room.id,
        kind: room.kind,
        name: room.name,
        name_lower: room.nameLower,
        topic: room.topic,
        visibility: room.visibility,
        owner_id: room.ownerId,
        member_ids: JSON.stringify(room.memberIds),
        member_count: room.memberCount,
        last_seq: room.lastSeq,
        created_at: room.createdAt.getTime(),
        last_activity_at: room.lastActivityAt.getTime(),
      }).changes === 1
    );
  }

  findById(id: string): Promise<RoomRecord | null> {
    return this.database.read(() => {
      const row = this.statements.byId.get(id);
      return row ? roomFromRow(row) : null;
    });
  }

  findByIds(ids: string[]): Promise<RoomRecord[]> {
    return this.database.read(() =>
      ids.flatMap((id) => {
        const row = this.statements.byId.get(id);
        return row ? [roomFromRow(row)] : [];
      }),
    );
  }

  listPublic(query: DirectoryQuery): Promise<RoomRecord[]> {
    const prefix = query.namePrefix?.toLowerCase() ?? '';
    return this.database.read(() =>
      this.statements.directory
        .all(query.beforeId ?? AFTER_EVERY_ID, ...prefixRange(prefix), query.limit + 1)
        .map(roomFromRow),
    );
  }

  update(id: string, changes: RoomChanges): Promise<RoomRecord | null> {
    const entries = Object.entries(changes).filter(([, value]) => value !== undefined) as [
      keyof RoomChanges,
      unknown,
    ][];
    return this.database.write(() => {
      if (entries.length > 0) {
        const assignments = entries.map(([key]) => `${CHANGE_COLUMNS[key]} = ?`).join(', ');
        this.database.db
          .prepare(`UPDATE rooms SET ${assignments} WHERE id = ?`)
          .run(...entries.map(([, value]) => value), id);
      }
      const row = this.statements.byId.get(id);
      return row ? roomFromRow(row) : null;
    });
  }

  /** Memberships go with the room (ON DELETE CASCADE). */
  async delete(id: string): Promise<void> {
    await this.database.write(() => this.statements.delete.run(id));
  }

  reserveSeqs(id: string, count: number, at: Date): Promise<RoomCounters | null> {
    return this.database.write(() => this.reserveNow(id, count, at));
  }

  reserveRev(id: string): Promise<number | null> {
    return this.database.write(() => this.reserveRevNow(id));
  }

  /** Inside the caller's write transaction: the messages adapter stores a batch in the same commit. */
  reserveNow(id: string, count: number, at: Date): RoomCounters | null {
    const row = this.statements.reserve.get({ count, at: at.getTime(), id });
    return row ? { lastSeq: row.last_seq, lastRev: row.last_rev } : null;
  }

  /** Inside the caller's write transaction: a change and its rev commit together. */
  reserveRevNow(id: string): number | null {
    return this.statements.reserveRev.get(id)?.last_rev ?? null;
  }
}

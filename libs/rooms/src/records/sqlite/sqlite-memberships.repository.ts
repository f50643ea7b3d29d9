import { Injectable } from '@nestjs/common';
import type { NotificationLevel, RoomRole } from '@chat/contracts';
import { SqliteDatabase } from '@chat/platform/sqlite';
import { MembershipsRepository } from '../memberships.repository';
import type { MembershipRecord, NewMember } from '../room.record';
import { membershipIdFor, newMembership } from '../room-keys';
import { INSERT_MEMBERSHIP, membershipFromRow, membershipParams, type MembershipRow } from './sqlite-rows';

/** Memberships on SQLite: each change and the room's member count move in one transaction. */
@Injectable()
export class SqliteMembershipsRepository extends MembershipsRepository {
  private readonly statements;

  constructor(private readonly database: SqliteDatabase) {
    super();
    const db = database.db;
    this.statements = {
      insert: db.prepare(INSERT_MEMBERSHIP),
      delete: db.prepare('DELETE FROM memberships WHERE id = ?'),
      count: db.prepare('UPDATE rooms SET member_count = member_count + ? WHERE id = ?'),
      byId: db.prepare<[string], MembershipRow>('SELECT * FROM memberships WHERE id = ?'),
      byUser: db.prepare<[string], MembershipRow>('SELECT * FROM memberships WHERE user_id = ?'),
      byRoom: db.prepare<[string, string, number], MembershipRow>(
        'SELECT * FROM memberships WHERE room_id = ? AND id > ? ORDER BY id LIMIT ?',
      ),
      userIdsOfRoom: db.prepare<[string], { user_id: string }>(
        'SELECT user_id FROM memberships WHERE room_id = ?',
      ),
      withLevel: db.prepare<[string, string], MembershipRow>(
        'SELECT * FROM memberships WHERE room_id = ? AND notification_level = ?',
      ),
      setRole: db.prepare('UPDATE memberships SET role = ? WHERE id = ?'),
      advanceRead: db.prepare('UPDATE memberships SET last_read_seq = ? WHERE id = ? AND last_read_seq < ?'),
      setNotificationLevel: db.prepare('UPDATE memberships SET notification_level = ? WHERE id = ?'),
    };
  }

  add(roomId: string, member: NewMember): Promise<MembershipRecord | null> {
    const record = newMembership(roomId, member);
    return this.database.write(() => {
      if (this.statements.insert.run(membershipParams(record)).changes === 0) return null;
      this.statements.count.run(1, roomId);
      return record;
    });
  }

  /** Inside the caller's transaction, count untouched (the one-time import of an old data folder). */
  restore(record: MembershipRecord): void {
    this.statements.insert.run(membershipParams(record));
  }

  remove(roomId: string, userId: string): Promise<boolean> {
    return this.database.write(() => {
      if (this.statements.delete.run(membershipIdFor(roomId, userId)).changes === 0) return false;
      this.statements.count.run(-1, roomId);
      return true;
    });
  }

  find(roomId: string, userId: string): Promise<MembershipRecord | null> {
    return this.database.read(() => {
      const row = this.statements.byId.get(membershipIdFor(roomId, userId));
      return row ? membershipFromRow(row) : null;
    });
  }

  listByUser(userId: string): Promise<MembershipRecord[]> {
    return this.database.read(() => this.statements.byUser.all(userId).map(membershipFromRow));
  }

  roomIdsByUsers(userIds: string[]): Promise<Map<string, string[]>> {
    return this.database.read(
      () =>
        new Map(
          userIds.map((userId) => [userId, this.statements.byUser.all(userId).map((row) => row.room_id)]),
        ),
    );
  }

  listByRoom(roomId: string, afterId: string | undefined, limit: number): Promise<MembershipRecord[]> {
    return this.database.read(() =>
      this.statements.byRoom.all(roomId, afterId ?? '', limit + 1).map(membershipFromRow),
    );
  }

  userIdsOfRoom(roomId: string): Promise<string[]> {
    return this.database.read(() => this.statements.userIdsOfRoom.all(roomId).map((row) => row.user_id));
  }

  withLevel(roomId: string, level: NotificationLevel): Promise<MembershipRecord[]> {
    return this.database.read(() => this.statements.withLevel.all(roomId, level).map(membershipFromRow));
  }

  async setRole(roomId: string, userId: string, role: RoomRole): Promise<void> {
    await this.database.write(() => this.statements.setRole.run(role, membershipIdFor(roomId, userId)));
  }

  async advanceRead(roomId: string, userId: string, seq: number): Promise<void> {
    await this.database.write(() =>
      this.statements.advanceRead.run(seq, membershipIdFor(roomId, userId), seq),
    );
  }

  setNotificationLevel(roomId: string, userId: string, level: NotificationLevel): Promise<boolean> {
    return this.database.write(
      () => this.statements.setNotificationLevel.run(level, membershipIdFor(roomId, userId)).changes > 0,
    );
  }
}

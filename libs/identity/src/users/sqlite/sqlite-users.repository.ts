import { Injectable } from '@nestjs/common';
import type { GlobalRole } from '@chat/contracts';
import { prefixRange, SqliteDatabase } from '@chat/platform/sqlite';
import type { UserRecord } from '../user.record';
import { UsersRepository } from '../users.repository';

interface UserRow {
  id: string;
  username: string;
  username_lower: string;
  display_name: string;
  password_hash: string;
  roles: string;
  created_at: number;
}

function toRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    usernameLower: row.username_lower,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    roles: JSON.parse(row.roles) as GlobalRole[],
    createdAt: new Date(row.created_at),
  };
}

/** Users on SQLite: the primary key and the unique folded name refuse a second registration. */
@Injectable()
export class SqliteUsersRepository extends UsersRepository {
  private readonly statements;

  constructor(private readonly database: SqliteDatabase) {
    super();
    const db = database.db;
    this.statements = {
      insert: db.prepare(
        `INSERT INTO users (id, username, username_lower, display_name, password_hash, roles, created_at)
         VALUES (@id, @username, @username_lower, @display_name, @password_hash, @roles, @created_at)
         ON CONFLICT DO NOTHING`,
      ),
      byId: db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?'),
      byPrefix: db.prepare<[string, string, number], UserRow>(
        'SELECT * FROM users WHERE username_lower >= ? AND username_lower < ? ORDER BY username_lower LIMIT ?',
      ),
      setRoles: db.prepare('UPDATE users SET roles = ? WHERE id = ?'),
    };
  }

  protected insert(record: UserRecord): Promise<boolean> {
    return this.database.write(() => this.restore(record));
  }

  /** Inside the caller's transaction (the one-time import of an old data folder). */
  restore(record: UserRecord): boolean {
    return (
      this.statements.insert.run({
        id: record.id,
        username: record.username,
        username_lower: record.usernameLower,
        display_name: record.displayName,
        password_hash: record.passwordHash,
        roles: JSON.stringify(record.roles),
        created_at: record.createdAt.getTime(),
      }).changes === 1
    );
  }

  protected findByKey(id: string): Promise<UserRecord | null> {
    return this.database.read(() => {
      const row = this.statements.byId.get(id);
      return row ? toRecord(row) : null;
    });
  }

  searchByPrefix(prefixLower: string, limit: number): Promise<UserRecord[]> {
    return this.database.read(() =>
      this.statements.byPrefix.all(...prefixRange(prefixLower), limit).map(toRecord),
    );
  }

  async addRole(id: string, role: GlobalRole): Promise<void> {
    await this.database.write(() => {
      const row = this.statements.byId.get(id);
      if (!row) return;
      const roles = JSON.parse(row.roles) as GlobalRole[];
      if (!roles.includes(role)) this.statements.setRoles.run(JSON.stringify([...roles, role]), id);
    });
  }
}

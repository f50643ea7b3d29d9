import { Injectable } from '@nestjs/common';
import { SqliteDatabase } from '@chat/platform/sqlite';
import { type NewSession, type RotationStep, type SessionRecord, SPENT_TOKENS_KEPT } from '../session.record';
import { SessionsRepository } from '../sessions.repository';

interface SessionRow {
  id: string;
  user_id: string;
  refresh_hash: string;
  spent_hashes: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
  previous_hash: string | null;
  rotated_at: number | null;
  successor_sealed: string | null;
}

function toRecord(row: SessionRow): SessionRecord {
  const { previous_hash: previousHash, rotated_at: rotatedAt, successor_sealed: successorSealed } = row;
  return {
    id: row.id,
    userId: row.user_id,
    refreshHash: row.refresh_hash,
    spentHashes: JSON.parse(row.spent_hashes) as string[],
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
    lastRotation:
      previousHash !== null && rotatedAt !== null && successorSealed !== null
        ? { previousHash, rotatedAt: new Date(rotatedAt), successorSealed }
        : null,
  };
}

/**
 * Sessions on SQLite. A rotation reads and swaps inside one write transaction, so of two concurrent
 * refreshes exactly one sees the presented hash. Expired sessions are pruned as new ones open, which is
 * what MongoDB's TTL index does there.
 */
@Injectable()
export class SqliteSessionsRepository extends SessionsRepository {
  private readonly statements;

  constructor(private readonly database: SqliteDatabase) {
    super();
    const db = database.db;
    this.statements = {
      insert: db.prepare(
        `INSERT INTO sessions (id, user_id, refresh_hash, spent_hashes, created_at, expires_at, revoked_at)
         VALUES (?, ?, ?, '[]', ?, ?, NULL)`,
      ),
      restore: db.prepare(
        `INSERT INTO sessions (id, user_id, refresh_hash, spent_hashes, created_at, expires_at, revoked_at,
           previous_hash, rotated_at, successor_sealed)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      ),
      pruneExpired: db.prepare('DELETE FROM sessions WHERE expires_at < ?'),
      byId: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?'),
      swap: db.prepare(
        `UPDATE sessions SET refresh_hash = ?, expires_at = ?, spent_hashes = ?,
           previous_hash = ?, rotated_at = ?, successor_sealed = ?
         WHERE id = ? AND refresh_hash = ? AND revoked_at IS NULL`,
      ),
      revoke: db.prepare('UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    };
  }

  async create(record: NewSession): Promise<void> {
    await this.database.write(() => {
      this.statements.pruneExpired.run(Date.now());
      this.statements.insert.run(
        record.id,
        record.userId,
        record.refreshHash,
        record.createdAt.getTime(),
        record.expiresAt.getTime(),
      );
    });
  }

  /** Inside the caller's transaction (the one-time import of an old data folder, which has no `lastRotation`). */
  restore(record: SessionRecord): void {
    const last = record.lastRotation ?? null;
    this.statements.restore.run(
      record.id,
      record.userId,
      record.refreshHash,
      JSON.stringify(record.spentHashes),
      record.createdAt.getTime(),
      record.expiresAt.getTime(),
      record.revokedAt?.getTime() ?? null,
      last?.previousHash ?? null,
      last?.rotatedAt.getTime() ?? null,
      last?.successorSealed ?? null,
    );
  }

  findById(id: string): Promise<SessionRecord | null> {
    return this.database.read(() => {
      const row = this.statements.byId.get(id);
      return row ? toRecord(row) : null;
    });
  }

  rotate(id: string, step: RotationStep): Promise<SessionRecord | null> {
    const { presentedHash, nextHash, successorSealed, rotatedAt, expiresAt } = step;
    return this.database.write(() => {
      const row = this.statements.byId.get(id);
      if (!row || row.revoked_at !== null || row.refresh_hash !== presentedHash) return null;
      const spent = [...(JSON.parse(row.spent_hashes) as string[]), presentedHash].slice(-SPENT_TOKENS_KEPT);
      this.statements.swap.run(
        nextHash,
        expiresAt.getTime(),
        JSON.stringify(spent),
        presentedHash,
        rotatedAt.getTime(),
        successorSealed,
        id,
        presentedHash,
      );
      return toRecord(this.statements.byId.get(id)!);
    });
  }

  async markRevoked(id: string): Promise<void> {
    await this.database.write(() => this.statements.revoke.run(Date.now(), id));
  }
}

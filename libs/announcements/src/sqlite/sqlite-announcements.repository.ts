import { Injectable } from '@nestjs/common';
import { SqliteDatabase } from '@chat/platform/sqlite';
import type { AnnouncementRecord } from '../announcement.record';
import { AnnouncementsRepository } from '../announcements.repository';

interface AnnouncementRow {
  id: string;
  text: string;
  author_id: string;
  created_at: number;
  expires_at: number | null;
}

@Injectable()
export class SqliteAnnouncementsRepository extends AnnouncementsRepository {
  private readonly statements;

  constructor(private readonly database: SqliteDatabase) {
    super();
    this.statements = {
      insert: database.db.prepare(
        'INSERT INTO announcements (id, text, author_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      ),
      recent: database.db.prepare<[number], AnnouncementRow>(
        'SELECT * FROM announcements ORDER BY id DESC LIMIT ?',
      ),
    };
  }

  async insert(record: AnnouncementRecord): Promise<void> {
    await this.database.write(() => this.restore(record));
  }

  /** Inside the caller's transaction (also the one-time import of an old data folder). */
  restore(record: AnnouncementRecord): void {
    this.statements.insert.run(
      record.id,
      record.text,
      record.authorId,
      record.createdAt.getTime(),
      record.expiresAt?.getTime() ?? null,
    );
  }

  recent(limit: number): Promise<AnnouncementRecord[]> {
    return this.database.read(() =>
      this.statements.recent.all(limit).map((row) => ({
        id: row.id,
        text: row.text,
        authorId: row.author_id,
        createdAt: new Date(row.created_at),
        expiresAt: row.expires_at === null ? null : new Date(row.expires_at),
      })),
    );
  }
}

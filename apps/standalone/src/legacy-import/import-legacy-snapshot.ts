import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  AnnouncementsRepository,
  AnnouncementsStorageModule,
  SqliteAnnouncementsRepository,
  type AnnouncementRecord,
} from '@chat/announcements';
import {
  IdentityStorageModule,
  SessionsRepository,
  SqliteSessionsRepository,
  SqliteUsersRepository,
  UsersRepository,
  type SessionRecord,
  type UserRecord,
} from '@chat/identity';
import {
  MessagesRepository,
  MessagesStorageModule,
  SqliteMessagesRepository,
  type MessageRecord,
} from '@chat/messages';
import { SqliteDatabase, SqliteModule, type SqliteOptions } from '@chat/platform/sqlite';
import {
  MembershipsRepository,
  RoomsRepository,
  RoomsStorageModule,
  SqliteMembershipsRepository,
  SqliteRoomsRepository,
  type MembershipRecord,
  type RoomRecord,
} from '@chat/rooms';
import { legacyCollections, toRecord } from './legacy-documents';

function sqliteAdapter<T>(adapter: unknown, type: abstract new (...args: never[]) => T): T {
  if (!(adapter instanceof type)) throw new Error(`expected the SQLite adapter ${type.name}`);
  return adapter;
}

/**
 * Releases before 0.2 kept the single process's data in an in-memory store snapshotted to
 * DATA_DIR/store.json. The first start on such a folder imports it into the database in one transaction,
 * ids, seqs and counters as they were, and keeps the old file as store.json.imported.
 * @returns how many records were imported, or null when there was nothing to import
 */
export async function importLegacySnapshot(dataDir: string, sqlite: SqliteOptions): Promise<number | null> {
  const snapshotPath = join(dataDir, 'store.json');
  if (!existsSync(snapshotPath)) return null;
  const collections = legacyCollections(JSON.parse(readFileSync(snapshotPath, 'utf8')));

  @Module({
    imports: [
      SqliteModule.forRoot(sqlite),
      IdentityStorageModule.forRoot('sqlite'),
      RoomsStorageModule.forRoot('sqlite'),
      MessagesStorageModule.forRoot('sqlite'),
      AnnouncementsStorageModule.forRoot('sqlite'),
    ],
  })
  class ImportModule {}
  const context = await NestFactory.createApplicationContext(ImportModule, { logger: false });
  try {
    const users = sqliteAdapter(context.get(UsersRepository), SqliteUsersRepository);
    const sessions = sqliteAdapter(context.get(SessionsRepository), SqliteSessionsRepository);
    const rooms = sqliteAdapter(context.get(RoomsRepository), SqliteRoomsRepository);
    const memberships = sqliteAdapter(context.get(MembershipsRepository), SqliteMembershipsRepository);
    const messages = sqliteAdapter(context.get(MessagesRepository), SqliteMessagesRepository);
    const announcements = sqliteAdapter(context.get(AnnouncementsRepository), SqliteAnnouncementsRepository);
    const records = <T>(name: string) => (collections[name] ?? []).map((document) => toRecord<T>(document));
    const database = context.get(SqliteDatabase);
    database.db.transaction(() => {
      for (const record of records<UserRecord>('users')) users.restore(record);
      for (const record of records<SessionRecord>('sessions')) sessions.restore(record);
      for (const record of records<RoomRecord>('rooms')) rooms.restore(record);
      for (const record of records<MembershipRecord>('memberships')) memberships.restore(record);
      for (const record of records<MessageRecord>('messages')) messages.restore(record);
      for (const record of records<AnnouncementRecord>('announcements')) announcements.restore(record);
      // The old store snapshotted whole collections at slightly different moments: a counter must never
      // lag a stored seq, or the next message would reuse it.
      database.db.exec(`UPDATE rooms SET last_seq = max(last_seq,
        coalesce((SELECT max(seq) FROM messages WHERE messages.room_id = rooms.id), 0))`);
    })();
  } finally {
    await context.close();
  }
  renameSync(snapshotPath, `${snapshotPath}.imported`);
  return Object.values(collections).reduce((sum, documents) => sum + documents.length, 0);
}

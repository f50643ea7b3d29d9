import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AnnouncementsRepository, AnnouncementsStorageModule } from '@chat/announcements';
import { AttachmentsRepository, AttachmentsStorageModule } from '@chat/attachments';
import { IdentityStorageModule, SessionsRepository, UsersRepository } from '@chat/identity';
import {
  MessageAppender,
  MessagesModule,
  MessagesRepository,
  MessagesStorageModule,
  NotificationQueue,
} from '@chat/messages';
import {
  NotificationOutbox,
  NotificationsStorageModule,
  PushSubscriptionsRepository,
} from '@chat/notifications';
import { EngineModule } from '@chat/platform/engine';
import { MongoModule } from '@chat/platform/mongo';
import { SqliteModule } from '@chat/platform/sqlite';
import { type StoreKind } from '@chat/platform/store';
import { MembershipsRepository, RoomsRepository, RoomsStorageModule } from '@chat/rooms';
import { mongoUrlFor } from '@chat/testing';

export interface StorageContext {
  kind: StoreKind;
  users: UsersRepository;
  sessions: SessionsRepository;
  rooms: RoomsRepository;
  memberships: MembershipsRepository;
  messages: MessagesRepository;
  announcements: AnnouncementsRepository;
  attachments: AttachmentsRepository;
  appender: MessageAppender;
  pushSubscriptions: PushSubscriptionsRepository;
  outbox: NotificationOutbox;
  notificationQueue: NotificationQueue;
  close(): Promise<void>;
}

/**
 * Every library's storage adapters for one store, as an app composes them: MongoDB (whichever server the
 * global set-up chose, a database of its own) or SQLite (a fresh file). The contract suites run the same
 * assertions against both, so the adapters cannot drift.
 */
export async function startStorage(
  kind: StoreKind,
  name: string,
  mongoUrl?: string,
): Promise<StorageContext> {
  const store =
    kind === 'mongo'
      ? MongoModule.forRoot({ uri: mongoUrl ?? mongoUrlFor(`${name}_${Date.now().toString(36)}`) })
      : SqliteModule.forRoot({ path: join(mkdtempSync(join(tmpdir(), `chat-${name}-`)), 'chat.db') });
  @Module({
    imports: [
      store,
      EngineModule.forRoot({ kind: 'memory' }),
      IdentityStorageModule.forRoot(kind),
      RoomsStorageModule.forRoot(kind),
      MessagesStorageModule.forRoot(kind),
      AnnouncementsStorageModule.forRoot(kind),
      AttachmentsStorageModule.forRoot(kind),
      NotificationsStorageModule.forRoot(kind),
      MessagesModule.forRoot(),
    ],
  })
  class StorageHostModule {}
  const context: INestApplicationContext = await NestFactory.createApplicationContext(StorageHostModule, {
    logger: false,
    abortOnError: false,
  });
  return {
    kind,
    users: context.get(UsersRepository),
    sessions: context.get(SessionsRepository),
    rooms: context.get(RoomsRepository),
    memberships: context.get(MembershipsRepository),
    messages: context.get(MessagesRepository),
    announcements: context.get(AnnouncementsRepository),
    attachments: context.get(AttachmentsRepository),
    appender: context.get(MessageAppender),
    pushSubscriptions: context.get(PushSubscriptionsRepository),
    outbox: context.get(NotificationOutbox),
    notificationQueue: context.get(NotificationQueue),
    close: () => context.close(),
  };
}

/** Runs a contract suite once per adapter. */
export function forEachStore(title: string, suite: (store: () => StorageContext) => void): void {
  describe.each<StoreKind>(['sqlite', 'mongo'])(`${title} (%s adapter)`, (kind) => {
    let context: StorageContext;
    beforeAll(async () => {
      context = await startStorage(kind, title.replace(/\W+/g, '_').toLowerCase());
    });
    afterAll(() => context.close());
    suite(() => context);
  });
}

import { DynamicModule, Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SqliteDatabase } from '@chat/platform/sqlite';
import { type StoreKind } from '@chat/platform/store';
import { MessageChangeDocument, MessageChangeSchema } from '../mongo/message-change.schema';
import { MessageDocument, MessageSchema } from '../mongo/message.schema';
import { MongoMessagesRepository } from '../mongo/mongo-messages.repository';
import { MongoNotificationQueue } from '../mongo/mongo-notification-queue';
import { MARK_FOR_NOTIFICATIONS, NotificationQueue } from '../notification-queue';
import { SqliteNotificationQueue } from '../sqlite/sqlite-notification-queue';
import { MessagesRepository } from '../messages.repository';
import { SeqAllocatorInTransaction } from '../seq-allocator';
import { SqliteMessagesRepository } from '../sqlite/sqlite-messages.repository';
import { MESSAGES_MIGRATIONS } from './messages.migrations';

/**
 * The messages library's adapter for the chosen store, bound to MessagesRepository. It needs the rooms
 * library's storage module beside it, for the seq counter (SeqAllocator, or SeqAllocatorInTransaction).
 */
@Global()
@Module({})
export class MessagesStorageModule {
  /**
   * @param options.markForNotifications mark each message for the notification queue, in the write that
   *   stores it: on wherever push notifications are delivered (default), off where nothing would read
   *   the marks, so that appends pay nothing for them
   */
  static forRoot(kind: StoreKind, options: { markForNotifications?: boolean } = {}): DynamicModule {
    const mark = { provide: MARK_FOR_NOTIFICATIONS, useValue: options.markForNotifications ?? true };
    if (kind === 'mongo') {
      return {
        module: MessagesStorageModule,
        imports: [
          MongooseModule.forFeature([
            { name: MessageDocument.name, schema: MessageSchema },
            { name: MessageChangeDocument.name, schema: MessageChangeSchema },
          ]),
        ],
        providers: [
          mark,
          { provide: MessagesRepository, useClass: MongoMessagesRepository },
          { provide: NotificationQueue, useClass: MongoNotificationQueue },
        ],
        exports: [MessagesRepository, NotificationQueue],
      };
    }
    return {
      module: MessagesStorageModule,
      providers: [
        {
          provide: MessagesRepository,
          useFactory: (db: SqliteDatabase, allocator: SeqAllocatorInTransaction) => {
            db.migrate('messages', MESSAGES_MIGRATIONS);
            return new SqliteMessagesRepository(db, allocator, mark.useValue);
          },
          inject: [SqliteDatabase, SeqAllocatorInTransaction],
        },
        // After MessagesRepository, whose factory runs the migrations that add the mark.
        {
          provide: NotificationQueue,
          useFactory: (db: SqliteDatabase) => new SqliteNotificationQueue(db),
          inject: [SqliteDatabase, MessagesRepository],
        },
      ],
      exports: [MessagesRepository, NotificationQueue],
    };
  }
}

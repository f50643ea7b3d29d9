import { DynamicModule, Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SqliteDatabase } from '@chat/platform/sqlite';
import { type StoreKind } from '@chat/platform/store';
import { MessageChangeDocument, MessageChangeSchema } from '../mongo/message-change.schema';
import { MessageDocument, MessageSchema } from '../mongo/message.schema';
import { MongoMessagesRepository } from '../mongo/mongo-messages.repository';
import { MongoNotificationQueue } from '../mongo/mongo-notification-queue';
import { NotificationQueue } from '../notification-queue';
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
  static forRoot(kind: StoreKind): DynamicModule {
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
            return new SqliteMessagesRepository(db, allocator);
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

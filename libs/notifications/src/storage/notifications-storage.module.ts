import { DynamicModule, Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SqliteDatabase } from '@chat/platform/sqlite';
import { type StoreKind } from '@chat/platform/store';
import { NotificationOutbox } from '../outbox/notification-outbox';
import { MongoNotificationOutbox } from '../outbox/mongo/mongo-notification-outbox';
import {
  OutboxNotificationDocument,
  OutboxNotificationSchema,
} from '../outbox/mongo/outbox-notification.schema';
import { SqliteNotificationOutbox } from '../outbox/sqlite/sqlite-notification-outbox';
import { MongoPushSubscriptionsRepository } from '../subscriptions/mongo/mongo-push-subscriptions.repository';
import {
  PushSubscriptionDocument,
  PushSubscriptionSchema,
} from '../subscriptions/mongo/push-subscription.schema';
import { PushSubscriptionsRepository } from '../subscriptions/push-subscriptions.repository';
import { SqlitePushSubscriptionsRepository } from '../subscriptions/sqlite/sqlite-push-subscriptions.repository';
import { NOTIFICATIONS_MIGRATIONS } from './notifications.migrations';

const PORTS = [PushSubscriptionsRepository, NotificationOutbox];

/** The notifications library's adapters for the chosen store: subscriptions and the outbox. */
@Global()
@Module({})
export class NotificationsStorageModule {
  static forRoot(kind: StoreKind): DynamicModule {
    if (kind === 'mongo') {
      return {
        module: NotificationsStorageModule,
        imports: [
          MongooseModule.forFeature([
            { name: PushSubscriptionDocument.name, schema: PushSubscriptionSchema },
            { name: OutboxNotificationDocument.name, schema: OutboxNotificationSchema },
          ]),
        ],
        providers: [
          { provide: PushSubscriptionsRepository, useClass: MongoPushSubscriptionsRepository },
          { provide: NotificationOutbox, useClass: MongoNotificationOutbox },
        ],
        exports: PORTS,
      };
    }
    return {
      module: NotificationsStorageModule,
      providers: [
        {
          provide: PushSubscriptionsRepository,
          useFactory: (db: SqliteDatabase) => {
            db.migrate('notifications', NOTIFICATIONS_MIGRATIONS);
            return new SqlitePushSubscriptionsRepository(db);
          },
          inject: [SqliteDatabase],
        },
        {
          provide: NotificationOutbox,
          useFactory: (db: SqliteDatabase) => new SqliteNotificationOutbox(db),
          // After the repository above, whose factory runs the migrations.
          inject: [SqliteDatabase, PushSubscriptionsRepository],
        },
      ],
      exports: PORTS,
    };
  }
}

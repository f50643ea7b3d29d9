import { DynamicModule, Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SqliteDatabase } from '@chat/platform/sqlite';
import { type StoreKind } from '@chat/platform/store';
import { AnnouncementsRepository } from '../announcements.repository';
import { AnnouncementDocument, AnnouncementSchema } from '../mongo/announcement.schema';
import { MongoAnnouncementsRepository } from '../mongo/mongo-announcements.repository';
import { SqliteAnnouncementsRepository } from '../sqlite/sqlite-announcements.repository';
import { ANNOUNCEMENTS_MIGRATIONS } from './announcements.migrations';

/** The announcements library's adapter for the chosen store, bound to AnnouncementsRepository. */
@Global()
@Module({})
export class AnnouncementsStorageModule {
  static forRoot(kind: StoreKind): DynamicModule {
    if (kind === 'mongo') {
      return {
        module: AnnouncementsStorageModule,
        imports: [
          MongooseModule.forFeature([{ name: AnnouncementDocument.name, schema: AnnouncementSchema }]),
        ],
        providers: [{ provide: AnnouncementsRepository, useClass: MongoAnnouncementsRepository }],
        exports: [AnnouncementsRepository],
      };
    }
    return {
      module: AnnouncementsStorageModule,
      providers: [
        {
          provide: AnnouncementsRepository,
          useFactory: (db: SqliteDatabase) => {
            db.migrate('announcements', ANNOUNCEMENTS_MIGRATIONS);
            return new SqliteAnnouncementsRepository(db);
          },
          inject: [SqliteDatabase],
        },
      ],
      exports: [AnnouncementsRepository],
    };
  }
}

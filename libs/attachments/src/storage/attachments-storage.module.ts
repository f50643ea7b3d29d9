import { DynamicModule, Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SqliteDatabase } from '@chat/platform/sqlite';
import { type StoreKind } from '@chat/platform/store';
import { AttachmentsRepository } from '../records/attachments.repository';
import { AttachmentDocument, AttachmentSchema } from '../records/mongo/attachment.schema';
import { MongoAttachmentsRepository } from '../records/mongo/mongo-attachments.repository';
import { SqliteAttachmentsRepository } from '../records/sqlite/sqlite-attachments.repository';
import { ATTACHMENTS_MIGRATIONS } from './attachments.migrations';

/** The attachments library's records adapter for the chosen store, bound to AttachmentsRepository. */
@Global()
@Module({})
export class AttachmentsStorageModule {
  static forRoot(kind: StoreKind): DynamicModule {
    if (kind === 'mongo') {
      return {
        module: AttachmentsStorageModule,
        imports: [MongooseModule.forFeature([{ name: AttachmentDocument.name, schema: AttachmentSchema }])],
        providers: [{ provide: AttachmentsRepository, useClass: MongoAttachmentsRepository }],
        exports: [AttachmentsRepository],
      };
    }
    return {
      module: AttachmentsStorageModule,
      providers: [
        {
          provide: AttachmentsRepository,
          useFactory: (db: SqliteDatabase) => {
            db.migrate('attachments', ATTACHMENTS_MIGRATIONS);
            return new SqliteAttachmentsRepository(db);
          },
          inject: [SqliteDatabase],
        },
      ],
      exports: [AttachmentsRepository],
    };
  }
}

import { DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { RevokedSessionsLedger } from '@chat/authn';
import { SqliteDatabase } from '@chat/platform/sqlite';
import { type StoreKind } from '@chat/platform/store';
import { MongoSessionsRepository } from '../sessions/mongo/mongo-sessions.repository';
import { SessionDocument, SessionSchema } from '../sessions/mongo/session.schema';
import { SessionsRepository } from '../sessions/sessions.repository';
import { SqliteSessionsRepository } from '../sessions/sqlite/sqlite-sessions.repository';
import { MongoUsersRepository } from '../users/mongo/mongo-users.repository';
import { UserDocument, UserSchema } from '../users/mongo/user.schema';
import { SqliteUsersRepository } from '../users/sqlite/sqlite-users.repository';
import { UsersRepository } from '../users/users.repository';
import { IDENTITY_MIGRATIONS } from './identity.migrations';
import { SessionsLedger } from './sessions-ledger';

const EXPORTED = [UsersRepository, SessionsRepository, RevokedSessionsLedger];

/** Migrating before the repositories prepare their statements on the tables. */
function migrated(database: SqliteDatabase): SqliteDatabase {
  database.migrate('identity', IDENTITY_MIGRATIONS);
  return database;
}

/**
 * The identity library's adapters for the chosen store, bound to its ports (UsersRepository,
 * SessionsRepository). Global, so that the rooms library reads users through the same port, and every
 * service's token check can fall back on the sessions when the revocation list is unreachable.
 */
@Global()
@Module({})
export class IdentityStorageModule {
  static forRoot(kind: StoreKind): DynamicModule {
    if (kind === 'mongo') {
      return {
        module: IdentityStorageModule,
        imports: [
          MongooseModule.forFeature([
            { name: UserDocument.name, schema: UserSchema },
            { name: SessionDocument.name, schema: SessionSchema },
          ]),
        ],
        providers: [
          { provide: UsersRepository, useClass: MongoUsersRepository },
          { provide: SessionsRepository, useClass: MongoSessionsRepository },
          { provide: RevokedSessionsLedger, useClass: SessionsLedger },
        ],
        exports: EXPORTED,
      };
    }
    const providers: Provider[] = [
      {
        provide: UsersRepository,
        useFactory: (db: SqliteDatabase) => new SqliteUsersRepository(migrated(db)),
        inject: [SqliteDatabase],
      },
      {
        provide: SessionsRepository,
        useFactory: (db: SqliteDatabase) => new SqliteSessionsRepository(migrated(db)),
        inject: [SqliteDatabase],
      },
      { provide: RevokedSessionsLedger, useClass: SessionsLedger },
    ];
    return { module: IdentityStorageModule, providers, exports: EXPORTED };
  }
}

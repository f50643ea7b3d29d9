import { DynamicModule, Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SeqAllocator, SeqAllocatorInTransaction } from '@chat/messages';
import { SqliteDatabase } from '@chat/platform/sqlite';
import { type StoreKind } from '@chat/platform/store';
import { MembershipsRepository } from '../records/memberships.repository';
import { MembershipDocument, MembershipSchema } from '../records/mongo/membership.schema';
import { MongoMembershipsRepository } from '../records/mongo/mongo-memberships.repository';
import { MongoRoomsRepository } from '../records/mongo/mongo-rooms.repository';
import { RoomDocument, RoomSchema } from '../records/mongo/room.schema';
import { RoomSequences, SqliteRoomSequences } from '../records/room-sequences';
import { RoomsRepository } from '../records/rooms.repository';
import { SqliteMembershipsRepository } from '../records/sqlite/sqlite-memberships.repository';
import { SqliteRoomsRepository } from '../records/sqlite/sqlite-rooms.repository';
import { ROOMS_MIGRATIONS } from './rooms.migrations';

const PORTS = [RoomsRepository, MembershipsRepository, SeqAllocator];

/**
 * The rooms library's adapters for the chosen store, bound to its ports, and its side of the messages
 * library's seq counter. Global: the messages adapter and the gateway reach them without importing rooms.
 */
@Global()
@Module({})
export class RoomsStorageModule {
  static forRoot(kind: StoreKind): DynamicModule {
    if (kind === 'mongo') {
      return {
        module: RoomsStorageModule,
        imports: [
          MongooseModule.forFeature([
            { name: RoomDocument.name, schema: RoomSchema },
            { name: MembershipDocument.name, schema: MembershipSchema },
          ]),
        ],
        providers: [
          { provide: RoomsRepository, useClass: MongoRoomsRepository },
          { provide: MembershipsRepository, useClass: MongoMembershipsRepository },
          { provide: SeqAllocator, useClass: RoomSequences },
        ],
        exports: PORTS,
      };
    }
    return {
      module: RoomsStorageModule,
      providers: [
        {
          provide: SqliteRoomsRepository,
          useFactory: (db: SqliteDatabase) => {
            db.migrate('rooms', ROOMS_MIGRATIONS);
            return new SqliteRoomsRepository(db);
          },
          inject: [SqliteDatabase],
        },
        { provide: RoomsRepository, useExisting: SqliteRoomsRepository },
        {
          provide: MembershipsRepository,
          useFactory: (db: SqliteDatabase) => new SqliteMembershipsRepository(db),
          // The rooms repository migrates the shared schema first.
          inject: [SqliteDatabase, SqliteRoomsRepository],
        },
        { provide: SeqAllocator, useClass: RoomSequences },
        {
          provide: SeqAllocatorInTransaction,
          useFactory: (rooms: SqliteRoomsRepository) => new SqliteRoomSequences(rooms),
          inject: [SqliteRoomsRepository],
        },
      ],
      exports: [...PORTS, SeqAllocatorInTransaction],
    };
  }
}

import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { UsersModule } from '@chat/identity';
import { MessagesModule, type MessagesOptions } from '@chat/messages';
import { RoomAccess } from './access/room-access';
import { DirectRoomsController } from './http/direct-rooms.controller';
import { MembersController } from './http/members.controller';
import { MessagesController } from './http/messages.controller';
import { RoomsController } from './http/rooms.controller';
import { MembershipRecord, MembershipSchema } from './records/membership.schema';
import { MembershipsRepository } from './records/memberships.repository';
import { RoomSequencesModule } from './records/room-sequences';
import { DirectRoomsService } from './services/direct-rooms.service';
import { MembershipsService } from './services/memberships.service';
import { ReadMarkersService } from './services/read-markers.service';
import { RoomDirectory } from './services/room-directory.service';
import { RoomHistoryService } from './services/room-history.service';
import { RoomsService } from './services/rooms.service';

/**
 * Owns `rooms` and `memberships`; serves `/api/rooms` and `/api/dm`. Reads messages through the messages
 * library and reaches sockets through LiveEvents (RealtimeModule beside it).
 */
@Module({})
export class RoomsModule {
  static forRoot(messages: Partial<MessagesOptions> = {}): DynamicModule {
    const sequences = RoomSequencesModule.forRoot();
    return {
      module: RoomsModule,
      imports: [
        sequences,
        UsersModule,
        MessagesModule.forRoot({ ...messages, sequences }),
        MongooseModule.forFeature([{ name: MembershipRecord.name, schema: MembershipSchema }]),
      ],
      controllers: [RoomsController, MembersController, MessagesController, DirectRoomsController],
      providers: [
        MembershipsRepository,
        RoomAccess,
        RoomsService,
        RoomDirectory,
        MembershipsService,
        DirectRoomsService,
        ReadMarkersService,
        RoomHistoryService,
      ],
      exports: [RoomAccess, ReadMarkersService, MembershipsRepository, MessagesModule, sequences],
    };
  }
}

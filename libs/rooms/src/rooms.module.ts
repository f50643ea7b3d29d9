import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { UsersModule } from '@chat/identity';
import { MessagesModule } from '@chat/messages';
import { RoomAccess } from './access/room-access';
import { MembershipRecord, MembershipSchema } from './records/membership.schema';
import { MembershipsRepository } from './records/memberships.repository';
import { RoomSequencesModule } from './records/room-sequences';
import { DirectRoomsService } from './services/direct-rooms.service';
import { MembershipsService } from './services/memberships.service';
import { ReadMarkersService } from './services/read-markers.service';
import { RoomDirectory } from './services/room-directory.service';
import { RoomHistoryService } from './services/room-history.service';
import { RoomsService } from './services/rooms.service';

const SERVICES = [
  MembershipsRepository,
  RoomAccess,
  RoomsService,
  RoomDirectory,
  MembershipsService,
  DirectRoomsService,
  ReadMarkersService,
  RoomHistoryService,
];

/**
 * The rooms domain: owns `rooms` and `memberships`, reads messages through the messages library, and
 * reaches sockets through LiveEvents (RealtimeModule beside it). No HTTP: see RoomsHttpModule.
 */
@Module({
  imports: [
    RoomSequencesModule,
    UsersModule,
    MessagesModule.forRoot({ sequences: RoomSequencesModule }),
    MongooseModule.forFeature([{ name: MembershipRecord.name, schema: MembershipSchema }]),
  ],
  providers: SERVICES,
  exports: [...SERVICES, MessagesModule, RoomSequencesModule],
})
export class RoomsModule {}

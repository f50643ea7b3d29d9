import { Module } from '@nestjs/common';
import { UsersModule } from '@chat/identity';
import { MessagesModule } from '@chat/messages';
import { RoomNotificationsService } from './services/room-notifications.service';
import { MentionResolver } from './mentions/mention-resolver';
import { NotificationAudience } from './notifications/notification-audience';
import { RoomAccess } from './access/room-access';
import { DirectRoomsService } from './services/direct-rooms.service';
import { MembershipsService } from './services/memberships.service';
import { ReadMarkersService } from './services/read-markers.service';
import { RoomDirectory } from './services/room-directory.service';
import { RoomHistoryService } from './services/room-history.service';
import { RoomsService } from './services/rooms.service';

const SERVICES = [
  RoomAccess,
  MentionResolver,
  RoomNotificationsService,
  NotificationAudience,
  RoomsService,
  RoomDirectory,
  MembershipsService,
  DirectRoomsService,
  ReadMarkersService,
  RoomHistoryService,
];

/**
 * The rooms domain over its ports (RoomsRepository, MembershipsRepository), which RoomsStorageModule binds
 * to the chosen store; reads messages through the messages library and reaches sockets through
 * LiveEvents (RealtimeModule beside it). No HTTP: see RoomsHttpModule.
 */
@Module({
  imports: [UsersModule, MessagesModule.forRoot()],
  providers: SERVICES,
  exports: [...SERVICES, MessagesModule],
})
export class RoomsModule {}

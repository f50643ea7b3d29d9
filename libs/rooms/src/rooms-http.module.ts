import { NotificationsController } from './http/notifications.controller';
import { Module } from '@nestjs/common';
import { DirectRoomsController } from './http/direct-rooms.controller';
import { MembersController } from './http/members.controller';
import { MessagesController } from './http/messages.controller';
import { RoomsController } from './http/rooms.controller';
import { RoomsModule } from './rooms.module';

/** Serves `/api/rooms` and `/api/dm` (the rooms service and the standalone server). */
@Module({
  imports: [RoomsModule],
  controllers: [
    RoomsController,
    MembersController,
    MessagesController,
    DirectRoomsController,
    NotificationsController,
  ],
})
export class RoomsHttpModule {}

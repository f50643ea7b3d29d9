import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import type { RoomNotifications } from '@chat/contracts';
import { CurrentUser, type AuthUser } from '@chat/authn';
import { NotificationLevelDto } from '../dto/notification-level.dto';
import { RoomIdParams } from '../dto/room-id.params';
import { RoomNotificationsService } from '../services/room-notifications.service';

/** The caller's notification level for a room they are a member of. */
@Controller('rooms/:id/notifications')
export class NotificationsController {
  constructor(private readonly notifications: RoomNotificationsService) {}

  @Get()
  get(@CurrentUser() me: AuthUser, @Param() { id }: RoomIdParams): Promise<RoomNotifications> {
    return this.notifications.get(me, id);
  }

  @Put()
  set(
    @CurrentUser() me: AuthUser,
    @Param() { id }: RoomIdParams,
    @Body() { level }: NotificationLevelDto,
  ): Promise<RoomNotifications> {
    return this.notifications.set(me, id, level);
  }
}

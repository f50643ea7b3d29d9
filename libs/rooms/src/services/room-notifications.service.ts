import { Injectable } from '@nestjs/common';
import type { NotificationLevel, RoomNotifications } from '@chat/contracts';
import type { AuthUser } from '@chat/authn';
import { AppError } from '@chat/platform/errors';
import { RoomAccess } from '../access/room-access';
import { MembershipsRepository } from '../records/memberships.repository';
import type { MembershipRecord, RoomRecord } from '../records/room.record';

/** The level that applies: the member's choice, else `all` in a direct room and `mentions` elsewhere. */
export function effectiveNotificationLevel(
  room: RoomRecord,
  membership: MembershipRecord,
): NotificationLevel {
  return membership.notificationLevel ?? (room.kind === 'direct' ? 'all' : 'mentions');
}

/** Each member's notification level per room (PROTOCOL.md 1.1): what the push side reads. */
@Injectable()
export class RoomNotificationsService {
  constructor(
    private readonly access: RoomAccess,
    private readonly memberships: MembershipsRepository,
  ) {}

  async get(me: AuthUser, roomId: string): Promise<RoomNotifications> {
    const { id, room, membership } = await this.access.member(me, roomId);
    return { roomId: id, level: effectiveNotificationLevel(room, membership) };
  }

  async set(me: AuthUser, roomId: string, level: NotificationLevel): Promise<RoomNotifications> {
    const { id } = await this.access.member(me, roomId);
    // Left between the check and the write: the same answer as for a non-member.
    if (!(await this.memberships.setNotificationLevel(id, me.userId, level)))
      throw AppError.forbidden('Only members may do this');
    return { roomId: id, level };
  }
}

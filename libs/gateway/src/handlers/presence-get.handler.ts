import { Injectable } from '@nestjs/common';
import type { PresenceEntry } from '@chat/contracts';
import { MembershipsRepository } from '@chat/rooms';
import type { ChatSocket } from '../chat-socket';
import type { SocketEventHandler } from '../dispatch/socket-event-handler';
import { PresenceQueryDto } from '../dto/presence-query.dto';
import { PresenceService } from '../presence/presence.service';

/**
 * Presence is for those who share a room with the user (and for the user themself), as the `presence`
 * event is. Anyone else is answered as a user never seen (`offline`, `lastSeenAt: null`), which tells
 * nothing, not even whether the account exists.
 */
@Injectable()
export class PresenceGetHandler implements SocketEventHandler<PresenceQueryDto, { items: PresenceEntry[] }> {
  readonly event = 'presence:get';
  readonly dto = PresenceQueryDto;
  readonly limit = 'event';

  constructor(
    private readonly presence: PresenceService,
    private readonly memberships: MembershipsRepository,
  ) {}

  async handle(socket: ChatSocket, { userIds }: PresenceQueryDto): Promise<{ items: PresenceEntry[] }> {
    const me = socket.data.user.userId;
    const asked = [...new Set(userIds)];
    const visible = await this.visibleTo(me, asked);
    const known = new Map(
      (await this.presence.status(asked.filter((id) => visible.has(id)))).map((entry) => [
        entry.userId,
        entry,
      ]),
    );
    return {
      items: asked.map(
        (userId) => known.get(userId) ?? { userId, status: 'offline' as const, lastSeenAt: null },
      ),
    };
  }

  private async visibleTo(me: string, userIds: string[]): Promise<Set<string>> {
    const mine = new Set((await this.memberships.listByUser(me)).map((membership) => membership.roomId));
    const theirs = await this.memberships.roomIdsByUsers(userIds.filter((id) => id !== me));
    const visible = new Set(userIds.filter((id) => id === me));
    for (const [userId, roomIds] of theirs)
      if (roomIds.some((roomId) => mine.has(roomId))) visible.add(userId);
    return visible;
  }
}

import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@chat/authn';
import { userIdForUsername } from '@chat/identity';
import { AppError } from '@chat/platform/errors';
import { RoomAccess } from '../access/room-access';
import { MembershipsRepository } from '../records/memberships.repository';
import { mentionedNames, ROOM_MENTION } from './mentioned-names';

/**
 * Turns `@username` in a body into the ids of the room's members so named, when the message is stored.
 * A user id is derived from the folded name, so resolving is one membership read per name, bounded.
 */
@Injectable()
export class MentionResolver {
  constructor(
    private readonly access: RoomAccess,
    private readonly memberships: MembershipsRepository,
  ) {}

  /** @throws AppError FORBIDDEN when a member who is neither owner nor admin writes `@room` */
  async resolve(me: AuthUser, roomId: string, body: string): Promise<string[]> {
    const names = mentionedNames(body);
    if (names.length === 0) return [];
    if (names.includes(ROOM_MENTION)) {
      const { membership } = await this.access.member(me, roomId);
      if (!this.access.isManager(me, membership))
        throw AppError.forbidden('Only the room owner or an admin may mention @room');
    }
    const ids = names.filter((name) => name !== ROOM_MENTION).map(userIdForUsername);
    const found = await Promise.all(ids.map((id) => this.memberships.find(roomId, id)));
    return ids.filter((_, index) => found[index] !== null);
  }
}

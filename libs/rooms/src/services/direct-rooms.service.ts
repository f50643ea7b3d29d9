import { Injectable } from '@nestjs/common';
import type { Room } from '@chat/contracts';
import type { AuthUser } from '@chat/authn';
import { UsersRepository } from '@chat/identity';
import { AppError } from '@chat/platform/errors';
import { parseId } from '@chat/platform/ids';
import { LiveEvents } from '@chat/realtime';
import { MembershipsRepository } from '../records/memberships.repository';
import { directRoomIdFor } from '../records/room-keys';
import { toRoom } from '../records/room.mapper';
import type { RoomRecord } from '../records/room.record';
import { RoomsRepository } from '../records/rooms.repository';

/**
 * The one direct room of two users. Its id derives from the sorted pair of canonical user ids, so two
 * simultaneous first requests create the same record: one wins, the other reads it back, and both get
 * the same room.
 */
@Injectable()
export class DirectRoomsService {
  constructor(
    private readonly rooms: RoomsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly users: UsersRepository,
    private readonly live: LiveEvents,
  ) {}

  async open(me: AuthUser, otherUserId: string): Promise<Room> {
    const otherId = parseId(otherUserId);
    if (otherId === me.userId) throw AppError.validation('A direct message needs another user');
    const other = otherId ? await this.users.findById(otherId) : null;
    if (!other) throw AppError.notFound('User');
    const id = directRoomIdFor(me.userId, other.id);
    const now = new Date();
    const record: RoomRecord = {
      id,
      kind: 'direct',
      name: null,
      nameLower: null,
      topic: '',
      visibility: 'private',
      ownerId: null,
      memberIds: [me.userId, other.id].sort(),
      memberCount: 2,
      lastSeq: 0,
      createdAt: now,
      lastActivityAt: now,
    };
    // A count below two means someone left: they come back as a new member. Otherwise create, which is
    // idempotent, so the loser of a race (or a retry after a partial failure) completes it safely; during
    // such a race the count is already two, so the two paths never add the same member twice.
    const existing = await this.rooms.findById(id);
    const someoneLeft = existing !== null && existing.memberCount < record.memberIds.length;
    const created = someoneLeft
      ? false
      : await this.rooms.create(
          record,
          record.memberIds.map((userId) => ({ userId, role: 'member' as const, lastReadSeq: 0 })),
        );
    const rejoined = someoneLeft ? await this.readdLeavers(existing, record.memberIds) : [];
    const room = (await this.rooms.findById(id)) ?? record;
    const view = toRoom(room, await this.memberships.find(id, me.userId));
    for (const userId of created ? record.memberIds : rejoined)
      this.live.toUser(userId, 'room:invited', toRoom(room));
    return view;
  }

  /**
   * A direct room always has both users. One who left is added back like any new member (the count
   * moves, the read marker starts at the room's last seq) and told so with `room:invited`.
   * @returns the users added back
   */
  private async readdLeavers(room: RoomRecord, userIds: string[]): Promise<string[]> {
    const roomId = room.id;
    const added: string[] = [];
    for (const userId of userIds) {
      if (await this.memberships.find(roomId, userId)) continue;
      const membership = await this.memberships.add(roomId, {
        userId,
        role: 'member',
        lastReadSeq: room.lastSeq,
      });
      if (membership) added.push(userId);
    }
    return added;
  }
}

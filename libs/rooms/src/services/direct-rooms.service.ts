import { Injectable } from '@nestjs/common';
import type { Room } from '@chat/contracts';
import type { AuthUser } from '@chat/authn';
import { UsersRepository } from '@chat/identity';
import { AppError } from '@chat/platform';
import { LiveEvents } from '@chat/realtime';
import { MembershipsRepository } from '../records/memberships.repository';
import { directRoomIdFor } from '../records/room-keys';
import { toRoom } from '../records/room.mapper';
import type { RoomRecord } from '../records/room.schema';
import { RoomsRepository } from '../records/rooms.repository';

/**
 * The one direct room of two users. Its `_id` derives from the sorted pair, so two simultaneous first
 * requests insert the same document: one wins, the other reads it back, and both get the same room.
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
    if (otherUserId === me.userId) throw AppError.validation('A direct message needs another user');
    if (!(await this.users.findById(otherUserId))) throw AppError.notFound('User');
    const id = directRoomIdFor(me.userId, otherUserId);
    const now = new Date();
    const record: RoomRecord = {
      _id: id,
      kind: 'direct',
      name: null,
      nameLower: null,
      topic: '',
      visibility: 'private',
      ownerId: null,
      memberIds: [me.userId, otherUserId].sort(),
      memberCount: 2,
      lastSeq: 0,
      createdAt: now,
      lastActivityAt: now,
    };
    const created = await this.rooms.insert(record);
    const roomId = id.toHexString();
    // Idempotent, so the loser of a race (or a retry after a partial failure) completes it safely.
    for (const userId of record.memberIds) await this.memberships.insert(roomId, userId, 'member', 0);
    const room = (await this.rooms.findById(id)) ?? record;
    const view = toRoom(room, await this.memberships.find(roomId, me.userId));
    if (created)
      for (const userId of record.memberIds) this.live.toUser(userId, 'room:invited', toRoom(room));
    return view;
  }
}

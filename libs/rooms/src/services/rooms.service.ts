import { Injectable } from '@nestjs/common';
import type { Room } from '@chat/contracts';
import type { AuthUser } from '@chat/authn';
import { MessagesRepository } from '@chat/messages';
import { AppError } from '@chat/platform/errors';
import { newId, parseId } from '@chat/platform/ids';
import { LiveEvents } from '@chat/realtime';
import { RoomAccess } from '../access/room-access';
import type { CreateRoomDto } from '../dto/create-room.dto';
import type { UpdateRoomDto } from '../dto/update-room.dto';
import { MembershipsRepository } from '../records/memberships.repository';
import { toRoom } from '../records/room.mapper';
import type { RoomChanges, RoomRecord } from '../records/room.record';
import { RoomsRepository } from '../records/rooms.repository';

/** Create, read, update and delete rooms. */
@Injectable()
export class RoomsService {
  constructor(
    private readonly rooms: RoomsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly messages: MessagesRepository,
    private readonly access: RoomAccess,
    private readonly live: LiveEvents,
  ) {}

  /** The room and its owner's membership are stored together (one transaction where the store has them). */
  async create(me: AuthUser, dto: CreateRoomDto): Promise<Room> {
    const now = new Date();
    const record: RoomRecord = {
      id: newId(),
      kind: 'room',
      name: dto.name,
      nameLower: dto.name.toLowerCase(),
      topic: dto.topic ?? '',
      visibility: dto.visibility,
      ownerId: me.userId,
      memberIds: [],
      memberCount: 1,
      lastSeq: 0,
      createdAt: now,
      lastActivityAt: now,
    };
    await this.rooms.create(record, [{ userId: me.userId, role: 'owner', lastReadSeq: 0 }]);
    return toRoom(record);
  }

  async get(me: AuthUser, roomId: string): Promise<Room> {
    const { room, membership } = await this.access.view(me, roomId);
    return toRoom(room, membership);
  }

  async update(me: AuthUser, roomId: string, dto: UpdateRoomDto): Promise<Room> {
    const { id, room, membership } = await this.access.manager(me, roomId);
    const changes: RoomChanges = {};
    if (dto.name !== undefined) Object.assign(changes, { name: dto.name, nameLower: dto.name.toLowerCase() });
    if (dto.topic !== undefined) changes.topic = dto.topic;
    if (dto.visibility !== undefined) changes.visibility = dto.visibility;
    const newOwnerId = dto.ownerId === undefined ? undefined : parseId(dto.ownerId);
    if (newOwnerId === null) throw AppError.validation('ownerId must be a member of the room');
    if (newOwnerId !== undefined && newOwnerId !== room.ownerId) {
      if (membership?.role !== 'owner') throw AppError.forbidden('Only the owner may hand the room over');
      await this.handOver(id, me.userId, newOwnerId);
      changes.ownerId = newOwnerId;
    }
    const updated = await this.rooms.update(id, changes);
    if (!updated) throw AppError.notFound('Room');
    const view = toRoom(updated);
    this.live.toRoom(id, 'room:updated', view);
    return view;
  }

  /** Every member's devices hear of it, then the room's sockets are released everywhere. */
  async remove(me: AuthUser, roomId: string): Promise<void> {
    const { id } = await this.access.owner(me, roomId);
    const memberIds = await this.memberships.userIdsOfRoom(id);
    await this.rooms.delete(id);
    await this.messages.deleteRoom(id);
    for (const userId of memberIds) this.live.toUser(userId, 'room:deleted', { roomId: id });
    this.live.closeRoom(id);
  }

  private async handOver(roomId: string, formerOwnerId: string, newOwnerId: string): Promise<void> {
    const target = await this.memberships.find(roomId, newOwnerId);
    if (!target) throw AppError.validation('ownerId must be a member of the room');
    await this.memberships.setRole(roomId, newOwnerId, 'owner');
    await this.memberships.setRole(roomId, formerOwnerId, 'admin');
  }
}

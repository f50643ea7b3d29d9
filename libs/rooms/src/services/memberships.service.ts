import { Injectable } from '@nestjs/common';
import type { Member, Page, Room, RoomRole } from '@chat/contracts';
import { isGlobalAdmin, type AuthUser } from '@chat/authn';
import { toUser, UsersRepository } from '@chat/identity';
import { AppError } from '@chat/platform/errors';
import { parseId } from '@chat/platform/ids';
import { isoTime } from '@chat/platform/mongo';
import { LiveEvents } from '@chat/realtime';
import { RoomAccess } from '../access/room-access';
import type { AddMemberDto } from '../dto/add-member.dto';
import type { ListMembersQuery } from '../dto/list-members.query';
import { MembershipsRepository } from '../records/memberships.repository';
import { toRoom } from '../records/room.mapper';
import type { MembershipRecord } from '../records/room.record';
import { RoomsRepository } from '../records/rooms.repository';
import { decodeCursor, encodeCursor } from './cursor';

const isMemberCursor = (value: unknown): value is { after: string } =>
  typeof value === 'object' && value !== null && parseId((value as { after?: unknown }).after) !== null;

/** Joining, leaving, inviting and removing, with the owner and admin rules of the contract. */
@Injectable()
export class MembershipsService {
  constructor(
    private readonly rooms: RoomsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly users: UsersRepository,
    private readonly access: RoomAccess,
    private readonly live: LiveEvents,
  ) {}

  /** Public rooms are open; a private room needs an invitation, so a non-member sees 404. */
  async join(me: AuthUser, roomId: string): Promise<Room> {
    const { id, room, membership } = await this.access.view(me, roomId);
    if (!membership) {
      if (room.visibility === 'private' || room.kind === 'direct') throw AppError.notFound('Room');
      const joined = await this.memberships.add(id, {
        userId: me.userId,
        role: 'member',
        lastReadSeq: room.lastSeq,
      });
      if (joined) this.live.toRoom(id, 'room:member-joined', { roomId: id, userId: me.userId });
    }
    const current = await this.rooms.findById(id);
    return toRoom(current ?? room, await this.memberships.find(id, me.userId));
  }

  async leave(me: AuthUser, roomId: string): Promise<void> {
    const { id, membership } = await this.access.view(me, roomId);
    if (!membership) return;
    if (membership.role === 'owner')
      throw AppError.conflict('The owner must hand the room over before leaving');
    await this.detach(id, membership);
  }

  async list(me: AuthUser, roomId: string, query: ListMembersQuery): Promise<Page<Member>> {
    const { id } = await this.access.member(me, roomId);
    const after = query.cursor ? parseId(decodeCursor(query.cursor, isMemberCursor).after) : null;
    const rows = await this.memberships.listByRoom(id, after ?? undefined, query.limit);
    const page = rows.slice(0, query.limit);
    const members = await this.toMembers(page);
    const last = page[page.length - 1];
    return {
      items: members,
      nextCursor: rows.length > query.limit && last ? encodeCursor({ after: last.id }) : null,
    };
  }

  /** Room owner or admin adds; only the owner (or a global admin) grants `admin`. */
  async add(me: AuthUser, roomId: string, dto: AddMemberDto): Promise<Member> {
    const { id, room, membership } = await this.access.manager(me, roomId);
    const role: RoomRole = dto.role ?? 'member';
    if (role === 'admin' && membership?.role !== 'owner' && !isGlobalAdmin(me)) {
      throw AppError.forbidden('Only the owner may grant admin');
    }
    const user = await this.users.findById(dto.userId);
    if (!user) throw AppError.notFound('User');
    const added = await this.memberships.add(id, { userId: user.id, role, lastReadSeq: room.lastSeq });
    if (!added) throw AppError.conflict('Already a member');
    this.live.toUser(user.id, 'room:invited', toRoom((await this.rooms.findById(id)) ?? room));
    this.live.toRoom(id, 'room:member-joined', { roomId: id, userId: user.id });
    return { user: toUser(user), role, joinedAt: isoTime(added.joinedAt) };
  }

  /** Nobody removes the owner; only the owner removes an admin; anyone may remove themself. */
  async remove(me: AuthUser, roomId: string, userId: string): Promise<void> {
    const targetId = parseId(userId);
    if (targetId === me.userId) {
      // Removing oneself is leaving, but through this route the contract's rule is "nobody removes the owner".
      const { id, membership } = await this.access.view(me, roomId);
      if (membership?.role === 'owner') throw AppError.forbidden('Nobody removes the owner');
      if (membership) await this.detach(id, membership);
      return;
    }
    const { id, membership } = await this.access.manager(me, roomId);
    const target = targetId ? await this.memberships.find(id, targetId) : null;
    if (!target) throw AppError.notFound('Member');
    if (target.role === 'owner') throw AppError.forbidden('Nobody removes the owner');
    if (target.role === 'admin' && membership?.role !== 'owner' && !isGlobalAdmin(me)) {
      throw AppError.forbidden('Only the owner may remove an admin');
    }
    await this.detach(id, target);
    this.live.toUser(target.userId, 'room:removed', { roomId: id });
  }

  /** Membership gone, count adjusted, and the user's sockets leave the room on every replica. */
  private async detach(roomId: string, membership: MembershipRecord): Promise<void> {
    const { userId } = membership;
    if (!(await this.memberships.remove(roomId, userId))) return;
    this.live.removeUserFromRoom(userId, roomId);
    this.live.toRoom(roomId, 'room:member-left', { roomId, userId });
  }

  private async toMembers(rows: MembershipRecord[]): Promise<Member[]> {
    const users = await Promise.all(rows.map((row) => this.users.findById(row.userId)));
    return rows.flatMap((row, index) => {
      const user = users[index];
      return user ? [{ user: toUser(user), role: row.role, joinedAt: isoTime(row.joinedAt) }] : [];
    });
  }
}

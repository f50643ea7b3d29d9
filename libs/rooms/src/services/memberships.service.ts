import { Injectable } from '@nestjs/common';
import type { Member, Page, Room, RoomRole } from '@chat/contracts';
import { isGlobalAdmin, type AuthUser } from '@chat/authn';
import { toUser, UsersRepository } from '@chat/identity';
import { AppError, isoTime, parseObjectId } from '@chat/platform';
import { LiveEvents } from '@chat/realtime';
import { RoomAccess } from '../access/room-access';
import type { AddMemberDto } from '../dto/add-member.dto';
import type { ListMembersQuery } from '../dto/list-members.query';
import type { MembershipRecord } from '../records/membership.schema';
import { memberCountOp, MembershipsRepository } from '../records/memberships.repository';
import { toRoom } from '../records/room.mapper';
import { RoomsRepository } from '../records/rooms.repository';
import { decodeCursor, encodeCursor } from './cursor';

const isMemberCursor = (value: unknown): value is { after: string } =>
  typeof value === 'object' &&
  value !== null &&
  parseObjectId(String((value as { after?: unknown }).after)) !== null;

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
      const joined = await this.memberships.insert(roomId, me.userId, 'member', room.lastSeq);
      if (joined) {
        await this.rooms.changeMemberCount(id, +1, memberCountOp('join', joined));
        this.live.toRoom(roomId, 'room:member-joined', { roomId, userId: me.userId });
      }
    }
    const current = await this.rooms.findById(id);
    return toRoom(current ?? room, await this.memberships.find(roomId, me.userId));
  }

  async leave(me: AuthUser, roomId: string): Promise<void> {
    const { membership } = await this.access.view(me, roomId);
    if (!membership) return;
    if (membership.role === 'owner')
      throw AppError.conflict('The owner must hand the room over before leaving');
    await this.detach(roomId, membership);
  }

  async list(me: AuthUser, roomId: string, query: ListMembersQuery): Promise<Page<Member>> {
    await this.access.member(me, roomId);
    const after = query.cursor ? parseObjectId(decodeCursor(query.cursor, isMemberCursor).after) : null;
    const rows = await this.memberships.listByRoom(roomId, after ?? undefined, query.limit);
    const page = rows.slice(0, query.limit);
    const members = await this.toMembers(page);
    const last = page[page.length - 1];
    return {
      items: members,
      nextCursor: rows.length > query.limit && last ? encodeCursor({ after: last._id.toHexString() }) : null,
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
    const added = await this.memberships.insert(roomId, dto.userId, role, room.lastSeq);
    if (!added) throw AppError.conflict('Already a member');
    await this.rooms.changeMemberCount(id, +1, memberCountOp('join', added));
    this.live.toUser(dto.userId, 'room:invited', toRoom((await this.rooms.findById(id)) ?? room));
    this.live.toRoom(roomId, 'room:member-joined', { roomId, userId: dto.userId });
    return { user: toUser(user), role, joinedAt: isoTime(added.joinedAt) };
  }

  /** Nobody removes the owner; only the owner removes an admin; anyone may remove themself. */
  async remove(me: AuthUser, roomId: string, userId: string): Promise<void> {
    if (userId === me.userId) return this.leave(me, roomId);
    const { membership } = await this.access.manager(me, roomId);
    const target = await this.memberships.find(roomId, userId);
    if (!target) throw AppError.notFound('Member');
    if (target.role === 'owner') throw AppError.forbidden('Nobody removes the owner');
    if (target.role === 'admin' && membership?.role !== 'owner' && !isGlobalAdmin(me)) {
      throw AppError.forbidden('Only the owner may remove an admin');
    }
    await this.detach(roomId, target);
    this.live.toUser(userId, 'room:removed', { roomId });
  }

  /** Membership gone, count adjusted, and the user's sockets leave the room on every replica. */
  private async detach(roomId: string, membership: MembershipRecord): Promise<void> {
    const { userId } = membership;
    // `unknown` (gone, maybe by a concurrent remover) decrements too: the op id makes it count once.
    if ((await this.memberships.remove(roomId, userId)) === 'absent') return;
    const id = parseObjectId(roomId);
    if (id) await this.rooms.changeMemberCount(id, -1, memberCountOp('leave', membership));
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

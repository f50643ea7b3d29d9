import { Injectable } from '@nestjs/common';
import { isGlobalAdmin, type AuthUser } from '@chat/authn';
import { AppError } from '@chat/platform/errors';
import { parseId } from '@chat/platform/ids';
import { MembershipsRepository } from '../records/memberships.repository';
import type { MembershipRecord, RoomRecord } from '../records/room.record';
import { RoomsRepository } from '../records/rooms.repository';

export interface RoomView {
  /** The room id, canonical. */
  id: string;
  room: RoomRecord;
  membership: MembershipRecord | null;
}

export interface MemberView extends RoomView {
  membership: MembershipRecord;
}

/**
 * Every room authorization decision of PROTOCOL.md in one place. A private room is invisible to
 * non-members (404); a public room answers non-members 403 where membership is needed.
 * "Room owner or admin" means that room role, or the global admin role.
 */
@Injectable()
export class RoomAccess {
  constructor(
    private readonly rooms: RoomsRepository,
    private readonly memberships: MembershipsRepository,
  ) {}

  /** The room as the caller may see it: 404 for a missing room and for a private room they are not in. */
  async view(me: AuthUser, roomId: string): Promise<RoomView> {
    const id = parseId(roomId);
    const room = id ? await this.rooms.findById(id) : null;
    if (!id || !room) throw AppError.notFound('Room');
    const membership = await this.memberships.find(id, me.userId);
    if (!membership && room.visibility === 'private' && !isGlobalAdmin(me)) throw AppError.notFound('Room');
    return { id, room, membership };
  }

  /** Membership required: 403 on a public room, 404 on a private one. */
  async member(me: AuthUser, roomId: string): Promise<MemberView> {
    const view = await this.view(me, roomId);
    if (!view.membership) {
      if (view.room.visibility === 'private') throw AppError.notFound('Room');
      throw AppError.forbidden('Only members may do this');
    }
    return view as MemberView;
  }

  /** Room owner or room admin, or global admin. */
  async manager(me: AuthUser, roomId: string): Promise<RoomView> {
    const view = await this.view(me, roomId);
    if (!this.isManager(me, view.membership))
      throw AppError.forbidden('Only the room owner or an admin may do this');
    if (view.room.kind === 'direct') throw AppError.forbidden('A direct room cannot be managed');
    return view;
  }

  /** Room owner, or global admin. */
  async owner(me: AuthUser, roomId: string): Promise<RoomView> {
    const view = await this.view(me, roomId);
    if (view.membership?.role !== 'owner' && !isGlobalAdmin(me)) {
      throw AppError.forbidden('Only the room owner may do this');
    }
    return view;
  }

  isManager(me: AuthUser, membership: MembershipRecord | null): boolean {
    return isGlobalAdmin(me) || membership?.role === 'owner' || membership?.role === 'admin';
  }
}

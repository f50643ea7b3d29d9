import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@chat/authn';
import { RoomAccess } from '../access/room-access';
import { MembershipsRepository } from '../records/memberships.repository';

/** Read markers: clamped to the room's lastSeq and never moved backwards. */
@Injectable()
export class ReadMarkersService {
  constructor(
    private readonly memberships: MembershipsRepository,
    private readonly access: RoomAccess,
  ) {}

  /** @returns the marker after the call */
  async mark(me: AuthUser, roomId: string, seq: number): Promise<number> {
    const { id, room, membership } = await this.access.member(me, roomId);
    const target = Math.min(seq, room.lastSeq);
    if (target > membership.lastReadSeq) await this.memberships.advanceRead(id, me.userId, target);
    const current = await this.memberships.find(id, me.userId);
    return Math.max(current?.lastReadSeq ?? 0, target);
  }

  /** A member's own message counts as read by them. */
  async advanceForSender(roomId: string, userId: string, seq: number): Promise<void> {
    await this.memberships.advanceRead(roomId, userId, seq);
  }
}

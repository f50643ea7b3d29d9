import { Injectable } from '@nestjs/common';
import type { Page, Room } from '@chat/contracts';
import type { AuthUser } from '@chat/authn';
import { parseId } from '@chat/platform/ids';
import type { ListRoomsQuery } from '../dto/list-rooms.query';
import { MembershipsRepository } from '../records/memberships.repository';
import { toRoom } from '../records/room.mapper';
import { RoomsRepository } from '../records/rooms.repository';
import { decodeCursor, encodeCursor } from './cursor';

interface JoinedCursor {
  t: number;
  id: string;
}

const isJoinedCursor = (value: unknown): value is JoinedCursor =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as JoinedCursor).t === 'number' &&
  typeof (value as JoinedCursor).id === 'string';

const isPublicCursor = (value: unknown): value is { before: string } =>
  typeof value === 'object' && value !== null && parseId((value as { before?: unknown }).before) !== null;

/** The two room lists: the caller's rooms by latest activity, and the public directory newest first. */
@Injectable()
export class RoomDirectory {
  constructor(
    private readonly rooms: RoomsRepository,
    private readonly memberships: MembershipsRepository,
  ) {}

  list(me: AuthUser, query: ListRoomsQuery): Promise<Page<Room>> {
    return query.scope === 'public' ? this.listPublic(query) : this.listJoined(me, query);
  }

  /**
   * Sorted by activity in memory: activity changes with every message, so an index over memberships would
   * need a write per member per message. A user's room count is bounded by what they join.
   */
  private async listJoined(me: AuthUser, query: ListRoomsQuery): Promise<Page<Room>> {
    const memberships = await this.memberships.listByUser(me.userId);
    const byRoom = new Map(memberships.map((membership) => [membership.roomId, membership]));
    const rooms = await this.rooms.findByIds(memberships.map((m) => m.roomId));
    const keyed = rooms
      .map((room) => ({ room, t: room.lastActivityAt.getTime(), id: room.id }))
      .sort((a, b) => b.t - a.t || (a.id < b.id ? 1 : -1));
    const after = query.cursor ? decodeCursor(query.cursor, isJoinedCursor) : undefined;
    const start = after
      ? keyed.filter((row) => row.t > after.t || (row.t === after.t && row.id >= after.id)).length
      : 0;
    const page = keyed.slice(start, start + query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(({ room, id }) => toRoom(room, byRoom.get(id))),
      nextCursor:
        start + query.limit < keyed.length && last ? encodeCursor({ t: last.t, id: last.id }) : null,
    };
  }

  private async listPublic(query: ListRoomsQuery): Promise<Page<Room>> {
    const before = query.cursor ? decodeCursor(query.cursor, isPublicCursor).before : undefined;
    const rows = await this.rooms.listPublic({
      namePrefix: query.q,
      beforeId: before ? (parseId(before) ?? undefined) : undefined,
      limit: query.limit,
    });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((room) => toRoom(room)),
      nextCursor: rows.length > query.limit && last ? encodeCursor({ before: last.id }) : null,
    };
  }
}

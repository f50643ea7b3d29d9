import { Injectable } from '@nestjs/common';
import { Channels, SocketLimits, type ClientEventMap } from '@chat/contracts';
import { MessageHistory } from '@chat/messages';
import { AppError } from '@chat/platform/errors';
import { MembershipsRepository, RoomAccess, toRoom } from '@chat/rooms';
import type { ChatSocket } from '../chat-socket';
import type { SocketEventHandler } from '../dispatch/socket-event-handler';
import { JoinRoomDto } from '../dto/join-room.dto';
import { joinedRoomIds } from '../session-watch/joined-rooms';

type JoinData = ClientEventMap['room:join']['data'];

/**
 * Subscribes the socket after a membership check, and returns what it missed: new messages since
 * `sinceSeq`, and changed ones since `sinceRev`.
 */
@Injectable()
export class RoomJoinHandler implements SocketEventHandler<JoinRoomDto, JoinData> {
  readonly event = 'room:join';
  readonly dto = JoinRoomDto;
  readonly limit = 'event';

  constructor(
    private readonly access: RoomAccess,
    private readonly history: MessageHistory,
    private readonly memberships: MembershipsRepository,
  ) {}

  async handle(socket: ChatSocket, { roomId, sinceSeq, sinceRev }: JoinRoomDto): Promise<JoinData> {
    const channel = Channels.room(roomId);
    if (!socket.rooms.has(channel) && joinedRoomIds(socket).length >= SocketLimits.maxJoinedRooms) {
      throw AppError.forbidden(`A socket may join at most ${SocketLimits.maxJoinedRooms} rooms`);
    }
    const { room, membership } = await this.access.member(socket.data.user, roomId);
    // Join before reading, so nothing stored after the read can slip between history and live events.
    await socket.join(channel);
    // A removal that committed between the check above and the join sent its eviction before the socket
    // was in the channel; reading the membership again once inside closes that window.
    if (!(await this.memberships.find(room.id, socket.data.user.userId))) {
      await socket.leave(channel);
      throw AppError.forbidden('No longer a member of this room');
    }
    const limit = SocketLimits.missedPageSize;
    const missed =
      sinceSeq === undefined
        ? { items: [], hasMore: false }
        : await this.history.page(roomId, { afterSeq: sinceSeq, limit });
    const answer = { room: toRoom(room, membership), missed: missed.items, hasMore: missed.hasMore };
    if (sinceRev === undefined) return { ...answer, revThrough: await this.history.settledRev(roomId) };
    const changes = await this.history.changes(roomId, sinceRev, limit);
    const inMissed = new Set(missed.items.map((message) => message.id));
    return {
      ...answer,
      changed: changes.items.filter((message) => !inMissed.has(message.id)),
      hasMore: missed.hasMore || changes.hasMore,
      revThrough: changes.revThrough,
    };
  }
}

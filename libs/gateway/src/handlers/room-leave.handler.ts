import { Injectable } from '@nestjs/common';
import { Channels } from '@chat/contracts';
import type { ChatSocket } from '../chat-socket';
import type { SocketEventHandler } from '../dispatch/socket-event-handler';
import { RoomRefDto } from '../dto/room-ref.dto';
import { SocketRoomViewers } from '../notifications/socket-room-viewers';

/** Stops live events for this socket; the membership stays. */
@Injectable()
export class RoomLeaveHandler implements SocketEventHandler<RoomRefDto, Record<string, never>> {
  readonly event = 'room:leave';
  readonly dto = RoomRefDto;
  readonly limit = 'event';

  constructor(private readonly viewers: SocketRoomViewers) {}

  async handle(socket: ChatSocket, { roomId }: RoomRefDto): Promise<Record<string, never>> {
    if (socket.rooms.has(Channels.room(roomId))) this.viewers.noteLeft(socket, [roomId]);
    await socket.leave(Channels.room(roomId));
    return {};
  }
}

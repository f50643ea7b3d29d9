import { Injectable } from '@nestjs/common';
import { Channels } from '@chat/contracts';
import type { ChatSocket } from '../chat-socket';
import type { SocketEventHandler } from '../dispatch/socket-event-handler';
import { RoomRefDto } from '../dto/room-ref.dto';

/** Stops live events for this socket; the membership stays. */
@Injectable()
export class RoomLeaveHandler implements SocketEventHandler<RoomRefDto, Record<string, never>> {
  readonly event = 'room:leave';
  readonly dto = RoomRefDto;
  readonly limit = 'event';

  async handle(socket: ChatSocket, { roomId }: RoomRefDto): Promise<Record<string, never>> {
    await socket.leave(Channels.room(roomId));
    return {};
  }
}

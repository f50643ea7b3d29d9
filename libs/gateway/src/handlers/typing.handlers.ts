import { Injectable } from '@nestjs/common';
import type { ChatSocket } from '../chat-socket';
import type { SocketEventHandler } from '../dispatch/socket-event-handler';
import { RoomRefDto } from '../dto/room-ref.dto';
import { TypingService } from '../typing/typing.service';
import { assertJoined } from './joined-room';

@Injectable()
export class TypingStartHandler implements SocketEventHandler<RoomRefDto, Record<string, never>> {
  readonly event = 'typing:start';
  readonly dto = RoomRefDto;
  readonly limit = 'event';

  constructor(private readonly typing: TypingService) {}

  handle(socket: ChatSocket, { roomId }: RoomRefDto): Promise<Record<string, never>> {
    assertJoined(socket, roomId);
    this.typing.start(socket, roomId);
    return Promise.resolve({});
  }
}

@Injectable()
export class TypingStopHandler implements SocketEventHandler<RoomRefDto, Record<string, never>> {
  readonly event = 'typing:stop';
  readonly dto = RoomRefDto;
  readonly limit = 'event';

  constructor(private readonly typing: TypingService) {}

  handle(socket: ChatSocket, { roomId }: RoomRefDto): Promise<Record<string, never>> {
    assertJoined(socket, roomId);
    this.typing.stop(socket, roomId);
    return Promise.resolve({});
  }
}

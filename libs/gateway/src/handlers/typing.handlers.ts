import { Injectable } from '@nestjs/common';
import type { ChatSocket } from '../chat-socket';
import type { SocketEventHandler } from '../dispatch/socket-event-handler';
import { RoomRefDto } from '../dto/room-ref.dto';
import { TypingService } from '../typing/typing.service';
import { assertJoined } from './joined-room';

abstract class TypingHandler implements SocketEventHandler<RoomRefDto, Record<string, never>> {
  abstract readonly event: 'typing:start' | 'typing:stop';
  readonly dto = RoomRefDto;
  readonly limit = 'event';

  constructor(protected readonly typing: TypingService) {}

  protected abstract apply(socket: ChatSocket, roomId: string): void;

  handle(socket: ChatSocket, { roomId }: RoomRefDto): Promise<Record<string, never>> {
    assertJoined(socket, roomId);
    this.apply(socket, roomId);
    return Promise.resolve({});
  }
}

// Each subclass declares its constructor: Nest reads injection metadata from the decorated class itself.
@Injectable()
export class TypingStartHandler extends TypingHandler {
  readonly event = 'typing:start';

  constructor(typing: TypingService) {
    super(typing);
  }

  protected apply(socket: ChatSocket, roomId: string): void {
    this.typing.start(socket, roomId);
  }
}

@Injectable()
export class TypingStopHandler extends TypingHandler {
  readonly event = 'typing:stop';

  constructor(typing: TypingService) {
    super(typing);
  }

  protected apply(socket: ChatSocket, roomId: string): void {
    this.typing.stop(socket, roomId);
  }
}

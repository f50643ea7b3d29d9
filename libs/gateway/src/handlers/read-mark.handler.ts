import { Injectable } from '@nestjs/common';
import { ReadMarkersService } from '@chat/rooms';
import type { ChatSocket } from '../chat-socket';
import type { SocketEventHandler } from '../dispatch/socket-event-handler';
import { ReadMarkDto } from '../dto/read-mark.dto';
import { assertJoined } from './joined-room';

@Injectable()
export class ReadMarkHandler implements SocketEventHandler<ReadMarkDto, { lastReadSeq: number }> {
  readonly event = 'read:mark';
  readonly dto = ReadMarkDto;
  readonly limit = 'event';

  constructor(private readonly readMarkers: ReadMarkersService) {}

  async handle(socket: ChatSocket, { roomId, seq }: ReadMarkDto): Promise<{ lastReadSeq: number }> {
    assertJoined(socket, roomId);
    return { lastReadSeq: await this.readMarkers.mark(socket.data.user, roomId, seq) };
  }
}

import { Injectable } from '@nestjs/common';
import { Channels, type Message } from '@chat/contracts';
import { MessageAppender } from '@chat/messages';
import { ReadMarkersService } from '@chat/rooms';
import type { ChatSocket } from '../chat-socket';
import type { SocketEventHandler } from '../dispatch/socket-event-handler';
import { SendMessageDto } from '../dto/send-message.dto';
import { assertJoined } from './joined-room';
import { SenderReadMarks } from './sender-read-marks';

/**
 * The durable send: stored (group commit, idempotent on clientMsgId, atomic seq) before the ack, then
 * fanned out through the adapter to every socket in the room on every replica. A repeat is acked with
 * the original and not broadcast again.
 */
@Injectable()
export class MessageSendHandler implements SocketEventHandler<SendMessageDto, { message: Message }> {
  readonly event = 'message:send';
  readonly dto = SendMessageDto;
  readonly limit = 'send';
  private readonly ownReads: SenderReadMarks;

  constructor(
    private readonly appender: MessageAppender,
    readMarkers: ReadMarkersService,
  ) {
    this.ownReads = new SenderReadMarks((roomId, userId, seq) =>
      readMarkers.advanceForSender(roomId, userId, seq),
    );
  }

  async handle(
    socket: ChatSocket,
    { roomId, clientMsgId, body }: SendMessageDto,
  ): Promise<{ message: Message }> {
    assertJoined(socket, roomId);
    const senderId = socket.data.user.userId;
    const { message, duplicate } = await this.appender.append({ roomId, senderId, clientMsgId, body });
    if (!duplicate) {
      socket.nsp.to(Channels.room(roomId)).emit('message:new', message);
      // A member's own message counts as read (coalesced, best effort: it never fails the send).
      this.ownReads.advance(roomId, senderId, message.seq);
    }
    return { message };
  }
}

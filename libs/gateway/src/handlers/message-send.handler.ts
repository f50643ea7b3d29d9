import { Injectable } from '@nestjs/common';
import { Channels, type Message } from '@chat/contracts';
import { MessageAppender } from '@chat/messages';
import { ReadMarkersService } from '@chat/rooms';
import type { ChatSocket } from '../chat-socket';
import type { SocketEventHandler } from '../dispatch/socket-event-handler';
import { SendMessageDto } from '../dto/send-message.dto';
import { assertJoined } from './joined-room';

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

  constructor(
    private readonly appender: MessageAppender,
    private readonly readMarkers: ReadMarkersService,
  ) {}

  async handle(
    socket: ChatSocket,
    { roomId, clientMsgId, body }: SendMessageDto,
  ): Promise<{ message: Message }> {
    assertJoined(socket, roomId);
    const senderId = socket.data.user.userId;
    const { message, duplicate } = await this.appender.append({ roomId, senderId, clientMsgId, body });
    if (!duplicate) {
      socket.nsp.to(Channels.room(roomId)).emit('message:new', message);
      // A member's own message counts as read; a failure here must not fail the send.
      void this.readMarkers.advanceForSender(roomId, senderId, message.seq).catch(() => undefined);
    }
    return { message };
  }
}

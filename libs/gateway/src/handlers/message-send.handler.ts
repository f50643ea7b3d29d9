import { Injectable } from '@nestjs/common';
import { Channels, type Message } from '@chat/contracts';
import { ReadMarkersService } from '@chat/rooms';
import type { ChatSocket } from '../chat-socket';
import type { SocketEventHandler } from '../dispatch/socket-event-handler';
import { SendMessageDto } from '../dto/send-message.dto';
import { assertJoined } from './joined-room';
import { SenderReadMarks } from './sender-read-marks';
import { MessageSender } from '../sending/message-sender';

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
    private readonly sender: MessageSender,
    readMarkers: ReadMarkersService,
  ) {
    this.ownReads = new SenderReadMarks((roomId, userId, seq) =>
      readMarkers.advanceForSender(roomId, userId, seq),
    );
  }

  async handle(socket: ChatSocket, dto: SendMessageDto): Promise<{ message: Message }> {
    const { roomId } = dto;
    assertJoined(socket, roomId);
    const { clientMsgId, body, attachmentIds = [] } = dto;
    const { message, duplicate } = await this.sender.send(socket.data.user, {
      roomId,
      clientMsgId,
      body,
      attachmentIds,
    });
    if (!duplicate) {
      socket.nsp.to(Channels.room(roomId)).emit('message:new', message);
      // A member's own message counts as read (coalesced, best effort: it never fails the send).
      this.ownReads.advance(roomId, message.senderId, message.seq);
    }
    return { message };
  }
}

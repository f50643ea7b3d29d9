import { Injectable } from '@nestjs/common';
import { Channels, type Message } from '@chat/contracts';
import { AttachmentClaims } from '@chat/attachments';
import { MessageAppender, messageIdFor, type AppendRequest } from '@chat/messages';
import { MentionResolver, ReadMarkersService } from '@chat/rooms';
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
    private readonly claims: AttachmentClaims,
    private readonly mentions: MentionResolver,
    readMarkers: ReadMarkersService,
  ) {
    this.ownReads = new SenderReadMarks((roomId, userId, seq) =>
      readMarkers.advanceForSender(roomId, userId, seq),
    );
  }

  async handle(
    socket: ChatSocket,
    { roomId, clientMsgId, body, attachmentIds = [] }: SendMessageDto,
  ): Promise<{ message: Message }> {
    assertJoined(socket, roomId);
    const senderId = socket.data.user.userId;
    // Resolved before anything is claimed or stored: a refused @room leaves no trace.
    const mentions = await this.mentions.resolve(socket.data.user, roomId, body);
    const { message, duplicate } = attachmentIds.length
      ? await this.sendWithAttachments({ roomId, senderId, clientMsgId, body, mentions }, attachmentIds)
      : await this.appender.append({ roomId, senderId, clientMsgId, body, mentions });
    if (!duplicate) {
      socket.nsp.to(Channels.room(roomId)).emit('message:new', message);
      // A member's own message counts as read (coalesced, best effort: it never fails the send).
      this.ownReads.advance(roomId, senderId, message.seq);
    }
    return { message };
  }

  /**
   * The claims name the message id the send will have (derived from the clientMsgId), so a retried send
   * claims its own attachments again harmlessly. A failed append keeps its claims: its message may have
   * been stored all the same (an answer lost on the way), and the client's retry completes it.
   */
  private async sendWithAttachments(request: AppendRequest, attachmentIds: string[]) {
    const { roomId, senderId, clientMsgId } = request;
    const messageId = messageIdFor(senderId, clientMsgId);
    const { attachments, taken } = await this.claims.claim(attachmentIds, {
      roomId,
      uploaderId: senderId,
      messageId,
    });
    const sent = await this.appender.append({ ...request, attachments });
    // A repeat keeps the stored message as it was: what this repeat newly took goes back to its uploader.
    if (sent.duplicate) {
      const kept = new Set(sent.message.attachments.map((a) => a.id));
      await this.claims.release(
        taken.filter((id) => !kept.has(id)),
        messageId,
      );
    }
    return sent;
  }
}

import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@chat/authn';
import { AttachmentClaims } from '@chat/attachments';
import type { Message } from '@chat/contracts';
import {
  MessageAppender,
  MessageChanges,
  messageIdFor,
  type AppendRequest,
  type AppendResult,
} from '@chat/messages';
import { MentionResolver } from '@chat/rooms';

export interface SendRequest {
  roomId: string;
  clientMsgId: string;
  body: string;
  attachmentIds: string[];
}

/**
 * What a send or an edit does to storage, apart from any socket: resolve mentions, claim the attachments,
 * append (or edit). The gateway's handlers own authorization on the socket and the broadcast.
 */
@Injectable()
export class MessageSender {
  constructor(
    private readonly appender: MessageAppender,
    private readonly claims: AttachmentClaims,
    private readonly mentions: MentionResolver,
    private readonly changes: MessageChanges,
  ) {}

  async send(
    sender: AuthUser,
    { roomId, clientMsgId, body, attachmentIds }: SendRequest,
  ): Promise<AppendResult> {
    const senderId = sender.userId;
    // Resolved before anything is claimed or stored: a refused @room leaves no trace.
    const mentions = await this.mentions.resolve(sender, roomId, body);
    const request: AppendRequest = { roomId, senderId, clientMsgId, body, mentions };
    return attachmentIds.length
      ? this.sendWithAttachments(request, attachmentIds)
      : this.appender.append(request);
  }

  /** An edit names members anew: its mentions are resolved again (`@room` still needs a manager). */
  async edit(editor: AuthUser, roomId: string, messageId: string, body: string): Promise<Message> {
    const mentions = await this.mentions.resolve(editor, roomId, body);
    return this.changes.edit(roomId, messageId, editor.userId, body, mentions);
  }

  /**
   * The claims name the message id the send will have (derived from the clientMsgId), so a retried send
   * claims its own attachments again harmlessly. A failed append keeps its claims: its message may have
   * been stored all the same (an answer lost on the way), and the client's retry completes it.
   */
  private async sendWithAttachments(request: AppendRequest, attachmentIds: string[]): Promise<AppendResult> {
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

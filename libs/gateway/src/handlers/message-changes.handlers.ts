import { Injectable } from '@nestjs/common';
import { Channels, type Message } from '@chat/contracts';
import { AttachmentClaims } from '@chat/attachments';
import { isGlobalAdmin } from '@chat/authn';
import { MessageChanges } from '@chat/messages';
import { AppError } from '@chat/platform/errors';
import { RoomAccess } from '@chat/rooms';
import type { ChatSocket } from '../chat-socket';
import type { SocketEventHandler } from '../dispatch/socket-event-handler';
import { EditMessageDto } from '../dto/edit-message.dto';
import { MessageRefDto } from '../dto/message-ref.dto';
import { ReactionDto } from '../dto/reaction.dto';
import { assertJoined } from './joined-room';
import { MessageSender } from '../sending/message-sender';

@Injectable()
export class MessageEditHandler implements SocketEventHandler<EditMessageDto, { message: Message }> {
  readonly event = 'message:edit';
  readonly dto = EditMessageDto;
  readonly limit = 'event';

  constructor(private readonly sender: MessageSender) {}

  async handle(
    socket: ChatSocket,
    { roomId, messageId, body }: EditMessageDto,
  ): Promise<{ message: Message }> {
    assertJoined(socket, roomId);
    const message = await this.sender.edit(socket.data.user, roomId, messageId, body);
    socket.nsp.to(Channels.room(roomId)).emit('message:updated', message);
    return { message };
  }
}

/** The sender, a room owner or admin, or a global admin may delete. */
@Injectable()
export class MessageDeleteHandler implements SocketEventHandler<MessageRefDto, Record<string, never>> {
  readonly event = 'message:delete';
  readonly dto = MessageRefDto;
  readonly limit = 'event';

  constructor(
    private readonly changes: MessageChanges,
    private readonly access: RoomAccess,
    private readonly attachments: AttachmentClaims,
  ) {}

  async handle(socket: ChatSocket, { roomId, messageId }: MessageRefDto): Promise<Record<string, never>> {
    assertJoined(socket, roomId);
    const me = socket.data.user;
    const message = await this.changes.get(roomId, messageId);
    if (message.senderId !== me.userId && !isGlobalAdmin(me)) {
      const { membership } = await this.access.member(me, roomId);
      if (!this.access.isManager(me, membership))
        throw AppError.forbidden('Only the sender or a room admin may delete');
    }
    // Files first: a deletion that fails halfway leaves a message without its files, never files
    // still served for a deleted message.
    if (message.attachments.length > 0) await this.attachments.messageDeleted(message.id);
    const deleted = await this.changes.softDelete(roomId, messageId);
    socket.nsp
      .to(Channels.room(roomId))
      .emit('message:deleted', { ...deleted, messageId: deleted.id, message: deleted });
    return {};
  }
}

abstract class ReactionHandler implements SocketEventHandler<ReactionDto, { message: Message }> {
  abstract readonly event: 'reaction:add' | 'reaction:remove';
  readonly dto = ReactionDto;
  readonly limit = 'event';

  constructor(protected readonly changes: MessageChanges) {}

  protected abstract apply(
    roomId: string,
    messageId: string,
    userId: string,
    emoji: string,
  ): Promise<Message>;

  async handle(socket: ChatSocket, { roomId, messageId, emoji }: ReactionDto): Promise<{ message: Message }> {
    assertJoined(socket, roomId);
    const message = await this.apply(roomId, messageId, socket.data.user.userId, emoji);
    socket.nsp.to(Channels.room(roomId)).emit('message:updated', message);
    return { message };
  }
}

// Each subclass declares its constructor: Nest reads injection metadata from the decorated class itself.
@Injectable()
export class ReactionAddHandler extends ReactionHandler {
  readonly event = 'reaction:add';

  constructor(changes: MessageChanges) {
    super(changes);
  }

  protected apply(roomId: string, messageId: string, userId: string, emoji: string): Promise<Message> {
    return this.changes.react(roomId, messageId, userId, emoji);
  }
}

@Injectable()
export class ReactionRemoveHandler extends ReactionHandler {
  readonly event = 'reaction:remove';

  constructor(changes: MessageChanges) {
    super(changes);
  }

  protected apply(roomId: string, messageId: string, userId: string, emoji: string): Promise<Message> {
    return this.changes.unreact(roomId, messageId, userId, emoji);
  }
}

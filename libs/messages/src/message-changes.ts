import { Injectable } from '@nestjs/common';
import type { Message } from '@chat/contracts';
import { AppError, parseId } from '@chat/platform';
import { toMessage } from './message.mapper';
import type { MessageRecord } from './message.record';
import { MessagesRepository } from './messages.repository';

/** Edits, deletions and reactions. Room-level permission (who may delete) is the caller's; authorship is here. */
@Injectable()
export class MessageChanges {
  constructor(private readonly repository: MessagesRepository) {}

  async get(roomId: string, messageId: string): Promise<Message> {
    return toMessage(await this.existing(roomId, messageId));
  }

  async edit(roomId: string, messageId: string, editorId: string, body: string): Promise<Message> {
    const current = await this.existing(roomId, messageId);
    if (current.senderId !== editorId) throw AppError.forbidden('Only the sender may edit a message');
    if (current.deleted) throw AppError.notFound('Message');
    const edited = await this.repository.editBody(roomId, current.id, editorId, body);
    if (!edited) throw AppError.notFound('Message');
    return toMessage(edited);
  }

  async softDelete(roomId: string, messageId: string): Promise<Message> {
    const current = await this.existing(roomId, messageId);
    const deleted = await this.repository.softDelete(roomId, current.id);
    if (!deleted) throw AppError.notFound('Message');
    return toMessage(deleted);
  }

  async react(roomId: string, messageId: string, userId: string, emoji: string): Promise<Message> {
    const current = await this.existing(roomId, messageId);
    const updated = await this.repository.addReaction(roomId, current.id, emoji, userId);
    if (!updated) throw AppError.notFound('Message');
    return toMessage(updated);
  }

  async unreact(roomId: string, messageId: string, userId: string, emoji: string): Promise<Message> {
    const current = await this.existing(roomId, messageId);
    const updated = await this.repository.removeReaction(roomId, current.id, emoji, userId);
    if (!updated) throw AppError.notFound('Message');
    return toMessage(updated);
  }

  private async existing(roomId: string, messageId: string): Promise<MessageRecord> {
    const id = parseId(messageId);
    const record = id ? await this.repository.findInRoom(roomId, id) : null;
    if (!record) throw AppError.notFound('Message');
    return record;
  }
}

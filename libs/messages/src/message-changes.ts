import { Injectable } from '@nestjs/common';
import type { Message } from '@chat/contracts';
import { AppError } from '@chat/platform/errors';
import { parseId } from '@chat/platform/ids';
import { toMessage } from './message.mapper';
import type { MessageRecord } from './message.record';
import { MessagesRepository } from './messages.repository';

/**
 * Every reaction is carried by every copy of the message (history pages, live events), so a message holds
 * a bounded number: of different emoji, and of reactions by one user. Concurrent additions may pass the
 * bounds by a few; they still hold the size to a small multiple.
 */
export const REACTION_LIMITS = { emojiPerMessage: 50, perUserPerMessage: 20 } as const;

function assertRoomForReaction(message: MessageRecord, userId: string, emoji: string): void {
  const { reactions } = message;
  if (reactions.some((pair) => pair.emoji === emoji && pair.userId === userId)) return;
  const emojis = new Set(reactions.map((pair) => pair.emoji));
  if (!emojis.has(emoji) && emojis.size >= REACTION_LIMITS.emojiPerMessage) {
    throw AppError.conflict(`A message holds at most ${REACTION_LIMITS.emojiPerMessage} different reactions`);
  }
  if (reactions.filter((pair) => pair.userId === userId).length >= REACTION_LIMITS.perUserPerMessage) {
    throw AppError.conflict(
      `One user adds at most ${REACTION_LIMITS.perUserPerMessage} reactions to a message`,
    );
  }
}

/** Edits, deletions and reactions. Room-level permission (who may delete) is the caller's; authorship is here. */
@Injectable()
export class MessageChanges {
  constructor(private readonly repository: MessagesRepository) {}

  async get(roomId: string, messageId: string): Promise<Message> {
    return toMessage(await this.existing(roomId, messageId));
  }

  /** @param mentions the member ids the new body names (the rooms library resolves them) */
  async edit(
    roomId: string,
    messageId: string,
    editorId: string,
    body: string,
    mentions?: string[],
  ): Promise<Message> {
    const current = await this.existing(roomId, messageId);
    if (current.senderId !== editorId) throw AppError.forbidden('Only the sender may edit a message');
    if (current.deleted) throw AppError.notFound('Message');
    const edited = await this.repository.editBody(roomId, current.id, editorId, body, mentions);
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
    assertRoomForReaction(current, userId, emoji);
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

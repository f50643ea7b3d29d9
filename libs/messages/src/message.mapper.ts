import type { Message } from '@chat/contracts';
import { isoTime } from '@chat/platform/mongo';
import type { MessageRecord } from './message.record';

export function toMessage(record: MessageRecord): Message {
  // No prototype: an emoji named like an Object.prototype member must stay an ordinary key.
  const reactions = Object.create(null) as Record<string, string[]>;
  for (const { emoji, userId } of record.reactions ?? []) {
    if (!Object.hasOwn(reactions, emoji)) reactions[emoji] = [];
    reactions[emoji].push(userId);
  }
  return {
    id: record.id,
    roomId: record.roomId,
    seq: record.seq,
    rev: record.rev,
    senderId: record.senderId,
    clientMsgId: record.clientMsgId,
    body: record.deleted ? '' : record.body,
    createdAt: isoTime(record.createdAt),
    editedAt: record.editedAt ? isoTime(record.editedAt) : null,
    deleted: record.deleted,
    reactions,
    attachments: record.deleted ? [] : (record.attachments ?? []),
    mentions: record.deleted ? [] : (record.mentions ?? []),
  };
}

import type { Message } from '@chat/contracts';
import { isoTime } from '@chat/platform';
import type { MessageRecord } from './message.schema';

export function toMessage(record: MessageRecord): Message {
  const reactions: Record<string, string[]> = {};
  for (const { emoji, userId } of record.reactions ?? []) (reactions[emoji] ??= []).push(userId);
  return {
    id: record._id.toHexString(),
    roomId: record.roomId,
    seq: record.seq,
    senderId: record.senderId,
    clientMsgId: record.clientMsgId,
    body: record.deleted ? '' : record.body,
    createdAt: isoTime(record.createdAt),
    editedAt: record.editedAt ? isoTime(record.editedAt) : null,
    deleted: record.deleted,
    reactions,
  };
}

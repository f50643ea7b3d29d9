import type { Attachment } from '@chat/contracts';
import type { MessageRecord, ReactionPair } from '../message.record';

/** A row of the `messages` table. */
export interface MessageRow {
  id: string;
  room_id: string;
  seq: number;
  rev: number;
  sender_id: string;
  client_msg_id: string;
  body: string;
  created_at: number;
  edited_at: number | null;
  deleted: number;
  reactions: string;
  attachments: string;
  mentions: string;
}

export function toRecord(row: MessageRow): MessageRecord {
  return {
    id: row.id,
    roomId: row.room_id,
    seq: row.seq,
    rev: row.rev,
    senderId: row.sender_id,
    clientMsgId: row.client_msg_id,
    body: row.body,
    createdAt: new Date(row.created_at),
    editedAt: row.edited_at === null ? null : new Date(row.edited_at),
    deleted: row.deleted === 1,
    reactions: JSON.parse(row.reactions) as ReactionPair[],
    attachments: JSON.parse(row.attachments) as Attachment[],
    mentions: JSON.parse(row.mentions) as string[],
  };
}

/** One reaction of one user; kept as pairs so that adding and removing stay atomic for any emoji text. */
export interface ReactionPair {
  emoji: string;
  userId: string;
}

/**
 * A stored message. Its id derives from `senderId:clientMsgId`, so it cannot be stored twice; `(roomId,
 * seq)` is unique because seqs come from an atomic counter.
 */
export interface MessageRecord {
  id: string;
  roomId: string;
  seq: number;
  senderId: string;
  clientMsgId: string;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  deleted: boolean;
  reactions: ReactionPair[];
}

/** A message before it has a seq. */
export type MessageDraft = Omit<MessageRecord, 'seq' | 'editedAt' | 'deleted' | 'reactions'>;

/** What became of a draft: the record stored under its id, and whether this very append stored it. */
export interface StoredDraft {
  record: MessageRecord;
  ours: boolean;
}

export interface PageQuery {
  beforeSeq?: number;
  afterSeq?: number;
  limit: number;
}

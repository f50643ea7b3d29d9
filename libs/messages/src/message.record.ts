import type { Attachment } from '@chat/contracts';

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
  /** The room's rev at this message's latest change; each change takes a new one (see ChangedPage). */
  rev: number;
  senderId: string;
  clientMsgId: string;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  deleted: boolean;
  reactions: ReactionPair[];
  /** A snapshot of the files sent with it, taken at send time; emptied by a deletion. */
  attachments: Attachment[];
  /** Member ids named in the body, resolved when stored. */
  mentions: string[];
}

/** A message before it has a seq. */
export type MessageDraft = Omit<MessageRecord, 'seq' | 'rev' | 'editedAt' | 'deleted' | 'reactions'>;

/** A draft as stored under its seq and rev: unedited, undeleted, no reactions yet. */
export function newRecord(draft: MessageDraft, seq: number, rev: number): MessageRecord {
  return { ...draft, seq, rev, editedAt: null, deleted: false, reactions: [] };
}

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

/**
 * The messages whose latest change has a rev above the caller's, ascending by rev (`limit + 1` rows), and
 * `through`: every rev up to it is settled, so no change at or below it can still appear. A store that
 * commits revs out of order (MongoDB, several gateways) stops `through` below a rev still in flight;
 * `truncated` then says that changes above it exist.
 */
export interface ChangedPage {
  rows: MessageRecord[];
  through: number;
  truncated: boolean;
}

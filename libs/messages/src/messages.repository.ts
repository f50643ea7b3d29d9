import type { ChangedPage, MessageDraft, MessageRecord, PageQuery, StoredDraft } from './message.record';

/** The port of the `messages` collection (or table); this library is its only writer. */
export abstract class MessagesRepository {
  /**
   * Stores a batch of one room's drafts under consecutive new seqs, exactly once each: a draft whose id is
   * stored already comes back as that record, `ours: false`. Settles only once every record is durable.
   * @returns by draft id
   */
  abstract appendBatch(roomId: string, drafts: MessageDraft[]): Promise<Map<string, StoredDraft>>;
  /** @param messageId canonical (see parseId) */
  abstract findInRoom(roomId: string, messageId: string): Promise<MessageRecord | null>;
  /** `limit + 1` rows: descending by seq without `afterSeq`, ascending after it. */
  abstract page(roomId: string, query: PageQuery): Promise<MessageRecord[]>;
  /** Messages changed after `afterRev` with `rev <= through`: see ChangedPage. */
  abstract changedAfter(roomId: string, afterRev: number, limit: number): Promise<ChangedPage>;
  /** The highest rev of the room below which nothing is still in flight. */
  abstract settledRev(roomId: string): Promise<number>;
  /** Newest first, deleted messages left out. */
  abstract search(roomId: string, text: string, limit: number): Promise<MessageRecord[]>;
  /* Every change below takes the room's next rev, in the same write as the change itself. */
  /** Only the sender's own, undeleted message. @param mentions resolved for the new body; left out, kept */
  abstract editBody(
    roomId: string,
    id: string,
    senderId: string,
    body: string,
    mentions?: string[],
  ): Promise<MessageRecord | null>;
  /** Empties the body and the reactions; the seq stays taken. */
  abstract softDelete(roomId: string, id: string): Promise<MessageRecord | null>;
  abstract addReaction(
    roomId: string,
    id: string,
    emoji: string,
    userId: string,
  ): Promise<MessageRecord | null>;
  abstract removeReaction(
    roomId: string,
    id: string,
    emoji: string,
    userId: string,
  ): Promise<MessageRecord | null>;
  abstract deleteRoom(roomId: string): Promise<void>;
}

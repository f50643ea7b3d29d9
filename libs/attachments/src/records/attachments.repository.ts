import type { AttachmentClaim, AttachmentRecord } from './attachment.record';

/** The port of the `attachments` collection (or table); the attachments library is its only writer. */
export abstract class AttachmentsRepository {
  abstract insert(record: AttachmentRecord): Promise<void>;
  abstract findById(id: string): Promise<AttachmentRecord | null>;
  /**
   * Sets `messageId` atomically when the attachment is the uploader's, in that room, not deleted, and
   * not held by another message (held by the same message already counts: a retried send).
   * @returns the record, and whether this call took it; null when it may not be claimed
   */
  abstract claim(
    id: string,
    claim: AttachmentClaim,
  ): Promise<{ record: AttachmentRecord; took: boolean } | null>;
  /** Undoes a claim this message made (a send that failed halfway). */
  abstract release(id: string, messageId: string): Promise<void>;
  /** The message was deleted: its attachments are no longer served. */
  abstract markDeleted(messageId: string): Promise<void>;
  /** Deleted ones, and unclaimed ones created before `unclaimedBefore`: the sweep's work, bounded. */
  abstract listSweepable(unclaimedBefore: Date, limit: number): Promise<AttachmentRecord[]>;
  /** The rooms that hold attachments, bounded (the sweep checks which still exist). */
  abstract roomIds(limit: number): Promise<string[]>;
  abstract listByRoom(roomId: string, limit: number): Promise<AttachmentRecord[]>;
  /**
   * Deletes the record; with `unclaimedBefore`, only while it is still sweepable (deleted, or unclaimed
   * and older), so that a send claiming it at that moment keeps it.
   * @returns whether it was deleted
   */
  abstract remove(id: string, unclaimedBefore?: Date): Promise<boolean>;
}

import { Logger } from '@nestjs/common';
import mongoose, { Model } from 'mongoose';
import { retryTransient } from '@chat/platform/mongo';
import { HOLE_SETTLE_MS } from '../settled-prefix';
import type { MessageChangeDocument } from './message-change.schema';

/** How many recent rows one settle check walks at most; a room changing faster pages in steps. */
const RECENT_ROWS = 5000;

export interface ChangeEntry {
  rev: number;
  messageId: string | null;
}

/**
 * The rows of `message_changes`: which of a room's revs have finished. A writer appends its row after its
 * change is stored (so a row proves the change readable); a reader asks how far revs are settled.
 */
export class MongoChangeLog {
  private readonly logger = new Logger(MongoChangeLog.name);

  constructor(private readonly changes: Model<MessageChangeDocument>) {}

  /**
   * Never fails its caller: the change is stored already, and a rev without its row is a hole that
   * readers wait out for HOLE_SETTLE_MS and then step over (the message still carries its rev).
   */
  async record(roomId: string, entries: ChangeEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const at = new Date();
    try {
      await retryTransient('messages.changeLog', () =>
        this.changes
          .insertMany(
            entries.map((entry) => ({ roomId, rev: entry.rev, messageId: entry.messageId, at })),
            { ordered: false, lean: true },
          )
          .catch((error: unknown) => {
            // A retry of an insert that landed meets its own rows: they are there, which is all we want.
            if (isDuplicateKeyOnly(error)) return [];
            throw error;
          }),
      );
    } catch (error) {
      this.logger.warn(`change rows of room ${roomId} not written (${String(error)}); readers wait them out`);
    }
  }

  /**
   * The highest rev above `afterRev` below which every rev is settled: written, or missing for longer
   * than a write can take. A missing rev counts as failed once some row above it is older than
   * HOLE_SETTLE_MS: that row's rev was handed out after the missing one, so the missing one has been in
   * flight for longer than that.
   */
  async settledThrough(roomId: string, afterRev: number): Promise<{ through: number; truncated: boolean }> {
    const cutoff = new Date(Date.now() - HOLE_SETTLE_MS);
    const old = await retryTransient('messages.changeLog.old', () =>
      this.changes
        .findOne({ roomId, rev: mongoose.trusted({ $gt: afterRev }), at: mongoose.trusted({ $lt: cutoff }) })
        .sort({ rev: -1 })
        .select({ rev: 1 })
        .lean<Pick<MessageChangeDocument, 'rev'>>()
        .exec(),
    );
    const base = old?.rev ?? afterRev;
    const recent = await retryTransient('messages.changeLog.recent', () =>
      this.changes
        .find({ roomId, rev: mongoose.trusted({ $gt: base }) })
        .sort({ rev: 1 })
        .limit(RECENT_ROWS)
        .select({ rev: 1 })
        .lean<Pick<MessageChangeDocument, 'rev'>[]>()
        .exec(),
    );
    let expected = base + 1;
    for (const row of recent) {
      if (row.rev > expected) return { through: expected - 1, truncated: true };
      expected = row.rev + 1;
    }
    return { through: expected - 1, truncated: recent.length === RECENT_ROWS };
  }

  async deleteRoom(roomId: string): Promise<void> {
    await retryTransient('messages.changeLog.deleteRoom', () => this.changes.deleteMany({ roomId }).exec());
  }
}

function isDuplicateKeyOnly(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: { code?: number }[] }).writeErrors;
  if (Array.isArray(writeErrors) && writeErrors.length > 0) return writeErrors.every((e) => e.code === 11000);
  return (error as { code?: number }).code === 11000;
}

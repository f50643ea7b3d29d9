import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import mongoose, { Model } from 'mongoose';
import { ErrorCode } from '@chat/contracts';
import { AppError } from '@chat/platform/errors';
import { escapeRegex, objectId, retryTransient, timeMs } from '@chat/platform/mongo';
import {
  newRecord,
  type ChangedPage,
  type MessageDraft,
  type MessageRecord,
  type PageQuery,
  type StoredDraft,
} from '../message.record';
import { MessagesRepository } from '../messages.repository';
import { MARK_FOR_NOTIFICATIONS } from '../notification-queue';
import { SeqAllocator } from '../seq-allocator';
import { HOLE_SETTLE_MS } from '../settled-prefix';
import { MessageChangeDocument } from './message-change.schema';
import { MongoChangeLog } from './mongo-change-log';
import { MessageDocument } from './message.schema';

const INSERT_ATTEMPTS = 3;
const BATCH_ATTEMPTS = 4;
/** A change that keeps losing the race for a busy message to later revs gives up after this many. */
const CHANGE_ATTEMPTS = 20;

export function toRecord(document: MessageDocument): MessageRecord {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the queue's fields stay out of records
  const { _id, notifyAt, notifyLease, ...rest } = document;
  return {
    ...rest,
    id: _id.toHexString(),
    // Messages stored before revs existed have none: rev 0 sorts them before every change.
    rev: rest.rev ?? 0,
    createdAt: new Date(timeMs(rest.createdAt)),
    attachments: rest.attachments ?? [],
    mentions: rest.mentions ?? [],
    editedAt: rest.editedAt ? new Date(timeMs(rest.editedAt)) : null,
  };
}

/** A new message; with `mark`, marked for the notification queue in the same insert (NotificationQueue). */
function toDocument(record: MessageRecord, mark: boolean): MessageDocument {
  const { id, ...rest } = record;
  return { ...rest, _id: objectId(id), ...(mark ? { notifyAt: record.createdAt } : {}) };
}

/** Messages on MongoDB. Operators are marked trusted: filters are sanitized. */
@Injectable()
export class MongoMessagesRepository extends MessagesRepository {
  private readonly logger = new Logger(MongoMessagesRepository.name);
  private textSearchSupported: boolean | undefined;
  private readonly changeLog: MongoChangeLog;

  constructor(
    @InjectModel(MessageDocument.name) private readonly messages: Model<MessageDocument>,
    @InjectModel(MessageChangeDocument.name) changes: Model<MessageChangeDocument>,
    private readonly allocator: SeqAllocator,
    @Inject(MARK_FOR_NOTIFICATIONS) private readonly markForNotifications: boolean,
  ) {
    super();
    this.changeLog = new MongoChangeLog(changes);
  }

  /**
   * One `$inc` by k reserves k seqs, one `insertMany` stores them. The store is not asked beforehand
   * whether a draft exists: the derived `_id` refuses a second copy at insert time and the original is
   * read back. A transient store failure (a dropped connection, a cleared pool) retries the whole batch;
   * the seqs each attempt reserved are remembered, so a message stored by an earlier attempt is still
   * recognised as this batch's own. Seqs reserved by a failed attempt stay empty, which the contract
   * allows for a write that failed inside the server. Each draft also takes a rev from the same `$inc`,
   * and the batch's change rows follow the insert (see MongoChangeLog).
   */
  async appendBatch(roomId: string, drafts: MessageDraft[]): Promise<Map<string, StoredDraft>> {
    const reserved = new Map<string, Set<number>>();
    return retryTransient(
      `messages.appendBatch(${roomId})`,
      async () => {
        const { firstSeq, firstRev } = await this.allocator.allocate(
          roomId,
          drafts.length,
          drafts[0].createdAt,
        );
        const records = drafts.map((draft, index) => newRecord(draft, firstSeq + index, firstRev + index));
        for (const record of records)
          reserved.set(record.id, (reserved.get(record.id) ?? new Set<number>()).add(record.seq));
        const settled = await this.insertReconciled(records, reserved);
        await this.changeLog.record(
          roomId,
          records.map((record) => ({
            rev: record.rev,
            messageId: settled.get(record.id)?.ours ? record.id : null,
          })),
        );
        return settled;
      },
      { attempts: BATCH_ATTEMPTS },
    );
  }

  /**
   * Inserts, and after any failure reads back what is there: a record with a seq this batch reserved is
   * ours (the insert landed even if its answer was lost); one with another seq lost a race with a
   * concurrent send of the same clientMsgId; a missing one is retried.
   */
  private async insertReconciled(
    records: MessageRecord[],
    reserved: Map<string, Set<number>>,
  ): Promise<Map<string, StoredDraft>> {
    const settled = new Map<string, StoredDraft>();
    let remaining = records;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.messages.insertMany(
          remaining.map((record) => toDocument(record, this.markForNotifications)),
          { ordered: false, lean: true },
        );
        for (const record of remaining) settled.set(record.id, { record, ours: true });
        return settled;
      } catch (error) {
        const found = new Map((await this.findByIds(remaining.map((r) => r.id))).map((r) => [r.id, r]));
        const missing: MessageRecord[] = [];
        for (const record of remaining) {
          const stored = found.get(record.id);
          if (!stored) missing.push(record);
          else
            settled.set(record.id, {
              record: stored,
              ours: stored.roomId === record.roomId && (reserved.get(record.id)?.has(stored.seq) ?? false),
            });
        }
        if (missing.length === 0) return settled;
        if (attempt >= INSERT_ATTEMPTS) throw error;
        remaining = missing;
        await sleep(20 * attempt);
      }
    }
  }

  private async findByIds(ids: string[]): Promise<MessageRecord[]> {
    const found = await retryTransient('messages.findByIds', () =>
      this.messages
        .find({ _id: mongoose.trusted({ $in: ids.map(objectId) }) })
        .lean<MessageDocument[]>()
        .exec(),
    );
    return found.map(toRecord);
  }

  async findInRoom(roomId: string, messageId: string): Promise<MessageRecord | null> {
    const found = await retryTransient('messages.findInRoom', () =>
      this.messages
        .findOne({ _id: objectId(messageId), roomId })
        .lean<MessageDocument>()
        .exec(),
    );
    return found ? toRecord(found) : null;
  }

  async page(roomId: string, query: PageQuery): Promise<MessageRecord[]> {
    const newerFirst = query.afterSeq === undefined;
    const seq =
      query.beforeSeq !== undefined
        ? { seq: mongoose.trusted({ $lt: query.beforeSeq }) }
        : query.afterSeq !== undefined
          ? { seq: mongoose.trusted({ $gt: query.afterSeq }) }
          : {};
    // History pages are also how clients recover (`sinceSeq`): a store blip must not fail them.
    const found = await retryTransient('messages.page', () =>
      this.messages
        .find({ roomId, ...seq })
        .sort({ seq: newerFirst ? -1 : 1 })
        .limit(query.limit + 1)
        .lean<MessageDocument[]>()
        .exec(),
    );
    return found.map(toRecord);
  }

  /** MongoDB's text index where the store has one; a case-insensitive scan where it has not. */
  async search(roomId: string, text: string, limit: number): Promise<MessageRecord[]> {
    if (this.textSearchSupported !== false) {
      try {
        const found = await this.messages
          .find(mongoose.trusted({ roomId, deleted: false, $text: { $search: text } }))
          .sort({ seq: -1 })
          .limit(limit)
          .lean<MessageDocument[]>()
          .exec();
        this.textSearchSupported = true;
        return found.map(toRecord);
      } catch (error) {
        if (this.textSearchSupported === true) throw error;
        this.textSearchSupported = false;
        this.logger.warn(`$text unavailable on this store; searching by scan (${String(error)})`);
      }
    }
    const found = await this.messages
      .find({ roomId, deleted: false, body: mongoose.trusted({ $regex: escapeRegex(text), $options: 'i' }) })
      .sort({ seq: -1 })
      .limit(limit)
      .lean<MessageDocument[]>()
      .exec();
    return found.map(toRecord);
  }

  editBody(
    roomId: string,
    id: string,
    senderId: string,
    body: string,
    mentions?: string[],
  ): Promise<MessageRecord | null> {
    const set = mentions ? { body, mentions, editedAt: new Date() } : { body, editedAt: new Date() };
    return this.change(roomId, id, { senderId, deleted: false }, { $set: set });
  }

  softDelete(roomId: string, id: string): Promise<MessageRecord | null> {
    return this.change(
      roomId,
      id,
      {},
      { $set: { deleted: true, body: '', reactions: [], attachments: [], mentions: [] } },
    );
  }

  addReaction(roomId: string, id: string, emoji: string, userId: string): Promise<MessageRecord | null> {
    return this.change(roomId, id, { deleted: false }, { $addToSet: { reactions: { emoji, userId } } });
  }

  removeReaction(roomId: string, id: string, emoji: string, userId: string): Promise<MessageRecord | null> {
    return this.change(roomId, id, {}, { $pull: { reactions: { emoji, userId } } });
  }

  async changedAfter(roomId: string, afterRev: number, limit: number): Promise<ChangedPage> {
    const { through, truncated } = await this.changeLog.settledThrough(roomId, afterRev);
    if (through <= afterRev) return { rows: [], through: afterRev, truncated };
    // Read after the settle check: every change at or below `through` is readable by now.
    const found = await retryTransient('messages.changedAfter', () =>
      this.messages
        .find({ roomId, rev: mongoose.trusted({ $gt: afterRev, $lte: through }) })
        .sort({ rev: 1 })
        .limit(limit + 1)
        .lean<MessageDocument[]>()
        .exec(),
    );
    return { rows: found.map(toRecord), through, truncated };
  }

  async settledRev(roomId: string): Promise<number> {
    return (await this.changeLog.settledThrough(roomId, 0)).through;
  }

  async deleteRoom(roomId: string): Promise<void> {
    await retryTransient('messages.deleteRoom', () => this.messages.deleteMany({ roomId }).exec());
    await this.changeLog.deleteRoom(roomId);
  }

  /**
   * One change to one message, under the room's next rev, read back. The update applies only while the
   * message's rev is below the one taken, so a message's state at its rev holds every change up to it:
   * when a later rev got there first, this change takes a newer rev and applies again. Each change here
   * is idempotent ($set, $addToSet, $pull with values fixed before the call), so a store blip is retried;
   * a retry that finds its own rev already on the message was applied by the first attempt.
   */
  private async change(
    roomId: string,
    id: string,
    condition: mongoose.QueryFilter<MessageDocument>,
    update: mongoose.UpdateQuery<MessageDocument>,
  ): Promise<MessageRecord | null> {
    const _id = objectId(id);
    for (let attempt = 1; ; attempt++) {
      const rev = await this.allocator.allocateRev(roomId);
      const taken = Date.now();
      const applied = await retryTransient('messages.update', () =>
        this.messages
          .findOneAndUpdate(
            {
              _id,
              roomId,
              ...condition,
              $or: [{ rev: mongoose.trusted({ $lt: rev }) }, { rev: mongoose.trusted({ $exists: false }) }],
            },
            { ...update, $set: { ...(update.$set as object), rev } },
            { returnDocument: 'after' },
          )
          .lean<MessageDocument>()
          .exec(),
      );
      const current =
        applied ??
        (await retryTransient('messages.findInRoom', () =>
          this.messages.findOne({ _id, roomId }).lean<MessageDocument>().exec(),
        ));
      const ours = current?.rev === rev;
      await this.changeLog.record(roomId, [{ rev, messageId: ours ? id : null }]);
      if (ours) {
        if (Date.now() - taken > HOLE_SETTLE_MS)
          this.logger.warn(`change rev ${rev} in room ${roomId} took over ${HOLE_SETTLE_MS} ms to store`);
        return toRecord(current);
      }
      // Gone, or no longer matching (deleted, not the sender's): nothing to change.
      if (!current || (current.rev ?? 0) < rev) return null;
      if (attempt >= CHANGE_ATTEMPTS)
        throw new AppError(ErrorCode.UNAVAILABLE, 'The message is changing too fast; retry later', 100);
    }
  }
}

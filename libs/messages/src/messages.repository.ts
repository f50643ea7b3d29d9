import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import mongoose, { Model, Types } from 'mongoose';
import { retryTransient } from '@chat/platform';
import { MessageRecord } from './message.schema';

export interface PageQuery {
  beforeSeq?: number;
  afterSeq?: number;
  limit: number;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

/** The only writer of the `messages` collection. Operators are marked trusted: filters are sanitized. */
@Injectable()
export class MessagesRepository {
  private readonly logger = new Logger(MessagesRepository.name);
  private textSearchSupported: boolean | undefined;

  constructor(@InjectModel(MessageRecord.name) private readonly messages: Model<MessageRecord>) {}

  findByIds(ids: Types.ObjectId[]): Promise<MessageRecord[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return retryTransient('messages.findByIds', () =>
      this.messages
        .find({ _id: mongoose.trusted({ $in: ids }) })
        .lean<MessageRecord[]>()
        .exec(),
    );
  }

  findInRoom(roomId: string, messageId: string): Promise<MessageRecord | null> {
    if (!Types.ObjectId.isValid(messageId) || !/^[0-9a-f]{24}$/i.test(messageId))
      return Promise.resolve(null);
    return retryTransient('messages.findInRoom', () =>
      this.messages
        .findOne({ _id: new Types.ObjectId(messageId), roomId })
        .lean<MessageRecord>()
        .exec(),
    );
  }

  /** Inserts what it can; the caller reconciles the rest by reading back (see MessageAppender). */
  async insertMany(records: MessageRecord[]): Promise<void> {
    await this.messages.insertMany(records, { ordered: false, lean: true });
  }

  /** `limit + 1` rows, so the caller can tell whether more exist beyond the page. */
  async page(roomId: string, query: PageQuery): Promise<MessageRecord[]> {
    const newerFirst = query.afterSeq === undefined;
    const seq =
      query.beforeSeq !== undefined
        ? { seq: mongoose.trusted({ $lt: query.beforeSeq }) }
        : query.afterSeq !== undefined
          ? { seq: mongoose.trusted({ $gt: query.afterSeq }) }
          : {};
    // History pages are also how clients recover (`sinceSeq`): a store blip must not fail them.
    return retryTransient('messages.page', () =>
      this.messages
        .find({ roomId, ...seq })
        .sort({ seq: newerFirst ? -1 : 1 })
        .limit(query.limit + 1)
        .lean<MessageRecord[]>()
        .exec(),
    );
  }

  /** Newest first. MongoDB's text index where the store has one; a case-insensitive scan where it has not. */
  async search(roomId: string, text: string, limit: number): Promise<MessageRecord[]> {
    if (this.textSearchSupported !== false) {
      try {
        const found = await this.messages
          .find(mongoose.trusted({ roomId, deleted: false, $text: { $search: text } }))
          .sort({ seq: -1 })
          .limit(limit)
          .lean<MessageRecord[]>()
          .exec();
        this.textSearchSupported = true;
        return found;
      } catch (error) {
        if (this.textSearchSupported === true) throw error;
        this.textSearchSupported = false;
        this.logger.warn(`$text unavailable on this store; searching by scan (${String(error)})`);
      }
    }
    return this.messages
      .find({ roomId, deleted: false, body: mongoose.trusted({ $regex: escapeRegex(text), $options: 'i' }) })
      .sort({ seq: -1 })
      .limit(limit)
      .lean<MessageRecord[]>()
      .exec();
  }

  editBody(
    roomId: string,
    id: Types.ObjectId,
    senderId: string,
    body: string,
  ): Promise<MessageRecord | null> {
    return this.updateOne(
      { _id: id, roomId, senderId, deleted: false },
      { $set: { body, editedAt: new Date() } },
    );
  }

  softDelete(roomId: string, id: Types.ObjectId): Promise<MessageRecord | null> {
    return this.updateOne({ _id: id, roomId }, { $set: { deleted: true, body: '', reactions: [] } });
  }

  addReaction(
    roomId: string,
    id: Types.ObjectId,
    emoji: string,
    userId: string,
  ): Promise<MessageRecord | null> {
    return this.updateOne(
      { _id: id, roomId, deleted: false },
      { $addToSet: { reactions: { emoji, userId } } },
    );
  }

  removeReaction(
    roomId: string,
    id: Types.ObjectId,
    emoji: string,
    userId: string,
  ): Promise<MessageRecord | null> {
    return this.updateOne({ _id: id, roomId }, { $pull: { reactions: { emoji, userId } } });
  }

  async deleteRoom(roomId: string): Promise<void> {
    await this.messages.deleteMany({ roomId }).exec();
  }

  /**
   * One message changed and read back. Every change here is idempotent ($set, $addToSet, $pull with
   * values fixed before the call), so a store blip is retried rather than answered with an error.
   */
  private updateOne(
    filter: mongoose.QueryFilter<MessageRecord>,
    update: mongoose.UpdateQuery<MessageRecord>,
  ): Promise<MessageRecord | null> {
    return retryTransient('messages.update', () =>
      this.messages
        .findOneAndUpdate(filter, update, { returnDocument: 'after' })
        .lean<MessageRecord>()
        .exec(),
    );
  }
}

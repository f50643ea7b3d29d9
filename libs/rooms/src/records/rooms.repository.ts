import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import mongoose, { Model, Types } from 'mongoose';
import { insertOnce, retryTransient } from '@chat/platform';
import { RoomRecord } from './room.schema';

/** Far more than the membership changes of one room that can overlap a retry (a few seconds). */
const MEMBER_COUNT_OPS_KEPT = 100;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

export interface DirectoryQuery {
  namePrefix?: string;
  beforeId?: Types.ObjectId;
  limit: number;
}

/**
 * The only writer of the `rooms` collection. Every call retries transient store failures: reads and
 * `$set` updates repeat safely, the insert recognises its own earlier copy by its creation time, and the
 * member count's `$inc` carries an op id that makes it idempotent.
 */
@Injectable()
export class RoomsRepository {
  constructor(@InjectModel(RoomRecord.name) private readonly rooms: Model<RoomRecord>) {}

  /** @returns false when a room with that `_id` exists already */
  insert(record: RoomRecord): Promise<boolean> {
    return insertOnce(
      'rooms.insert',
      () => this.rooms.create(record),
      async () => {
        const stored = await this.rooms.findById(record._id).lean<RoomRecord>().exec();
        return stored?.createdAt.getTime() === record.createdAt.getTime();
      },
    );
  }

  findById(id: Types.ObjectId): Promise<RoomRecord | null> {
    return retryTransient('rooms.findById', () => this.rooms.findById(id).lean<RoomRecord>().exec());
  }

  findByIds(ids: Types.ObjectId[]): Promise<RoomRecord[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return retryTransient('rooms.findByIds', () =>
      this.rooms
        .find({ _id: mongoose.trusted({ $in: ids }) })
        .lean<RoomRecord[]>()
        .exec(),
    );
  }

  /** Public rooms, newest first; `limit + 1` rows so the caller knows whether a next page exists. */
  listPublic(query: DirectoryQuery): Promise<RoomRecord[]> {
    const filter: Record<string, unknown> = { kind: 'room', visibility: 'public' };
    if (query.namePrefix)
      filter.nameLower = mongoose.trusted({ $regex: `^${escapeRegex(query.namePrefix.toLowerCase())}` });
    if (query.beforeId) filter._id = mongoose.trusted({ $lt: query.beforeId });
    return retryTransient('rooms.listPublic', () =>
      this.rooms
        .find(filter)
        .sort({ _id: -1 })
        .limit(query.limit + 1)
        .lean<RoomRecord[]>()
        .exec(),
    );
  }

  update(id: Types.ObjectId, changes: Partial<RoomRecord>): Promise<RoomRecord | null> {
    return retryTransient('rooms.update', () =>
      this.rooms
        .findOneAndUpdate({ _id: id }, { $set: changes }, { returnDocument: 'after' })
        .lean<RoomRecord>()
        .exec(),
    );
  }

  /**
   * Applies one membership change to the count exactly once, however often it is retried: `opId` names
   * the change (see memberCountOp) and is kept with the count in the same atomic update, so a retry after
   * an unanswered attempt that landed matches nothing. Concurrent changes still commute, unlike a recount.
   */
  async changeMemberCount(id: Types.ObjectId, delta: number, opId: string): Promise<void> {
    await retryTransient('rooms.changeMemberCount', () =>
      this.rooms
        .updateOne(
          { _id: id, memberCountOps: mongoose.trusted({ $ne: opId }) },
          {
            $inc: { memberCount: delta },
            $push: { memberCountOps: { $each: [opId], $slice: -MEMBER_COUNT_OPS_KEPT } },
          },
        )
        .exec(),
    );
  }

  /** One atomic `$inc` reserves `count` seqs; concurrent callers on any process get disjoint ranges. */
  reserveSeqs(id: Types.ObjectId, count: number): Promise<RoomRecord | null> {
    return this.rooms
      .findOneAndUpdate(
        { _id: id },
        { $inc: { lastSeq: count }, $set: { lastActivityAt: new Date() } },
        { returnDocument: 'after' },
      )
      .lean<RoomRecord>()
      .exec();
  }

  async delete(id: Types.ObjectId): Promise<void> {
    await retryTransient('rooms.delete', () => this.rooms.deleteOne({ _id: id }).exec());
  }
}

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import mongoose, { Model, Types } from 'mongoose';
import { isDuplicateKeyError, retryTransient } from '@chat/platform';
import { RoomRecord } from './room.schema';

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

export interface DirectoryQuery {
  namePrefix?: string;
  beforeId?: Types.ObjectId;
  limit: number;
}

/** The only writer of the `rooms` collection. */
@Injectable()
export class RoomsRepository {
  constructor(@InjectModel(RoomRecord.name) private readonly rooms: Model<RoomRecord>) {}

  /** @returns false when a room with that `_id` exists already */
  async insert(record: RoomRecord): Promise<boolean> {
    try {
      await this.rooms.create(record);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
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
    return this.rooms
      .findOneAndUpdate({ _id: id }, { $set: changes }, { returnDocument: 'after' })
      .lean<RoomRecord>()
      .exec();
  }

  async changeMemberCount(id: Types.ObjectId, delta: number): Promise<void> {
    await this.rooms.updateOne({ _id: id }, { $inc: { memberCount: delta } }).exec();
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

  async delete(id: Types.ObjectId): Promise<boolean> {
    return (await this.rooms.deleteOne({ _id: id }).exec()).deletedCount > 0;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import mongoose, { Model } from 'mongoose';
import { escapeRegex, insertOnce, objectId, retryTransient } from '@chat/platform/mongo';
import type { DirectoryQuery, NewMember, RoomChanges, RoomCounters, RoomRecord } from '../room.record';
import { newMembership } from '../room-keys';
import { RoomsRepository } from '../rooms.repository';
import { MembershipDocument } from './membership.schema';
import { roomFromDocument } from './mongo-records';
import { RoomDocument } from './room.schema';

/**
 * Rooms on MongoDB. Every call retries transient store failures: reads and `$set` updates repeat safely,
 * and inserts recognise their own earlier copy by its creation time.
 */
@Injectable()
export class MongoRoomsRepository extends RoomsRepository {
  constructor(
    @InjectModel(RoomDocument.name) private readonly rooms: Model<RoomDocument>,
    @InjectModel(MembershipDocument.name) private readonly memberships: Model<MembershipDocument>,
  ) {
    super();
  }

  /** No transaction (the stand-in has none): the room first, then each member, each idempotent. */
  async create(room: RoomRecord, members: NewMember[]): Promise<boolean> {
    const { id, ...rest } = room;
    const created = await insertOnce(
      'rooms.insert',
      () => this.rooms.create({ ...rest, _id: objectId(id) }),
      async () => {
        const stored = await this.findById(id);
        return stored?.createdAt.getTime() === room.createdAt.getTime();
      },
    );
    for (const member of members) {
      const membership = newMembership(id, member, room.createdAt);
      const { id: membershipId, ...fields } = membership;
      await insertOnce(
        'memberships.insert',
        () => this.memberships.create({ ...fields, _id: objectId(membershipId) }),
        () => Promise.resolve(true),
      );
    }
    return created;
  }

  async findById(id: string): Promise<RoomRecord | null> {
    const found = await retryTransient('rooms.findById', () =>
      this.rooms.findById(objectId(id)).lean<RoomDocument>().exec(),
    );
    return found ? roomFromDocument(found) : null;
  }

  async findByIds(ids: string[]): Promise<RoomRecord[]> {
    if (ids.length === 0) return [];
    const found = await retryTransient('rooms.findByIds', () =>
      this.rooms
        .find({ _id: mongoose.trusted({ $in: ids.map(objectId) }) })
        .lean<RoomDocument[]>()
        .exec(),
    );
    return found.map(roomFromDocument);
  }

  async listPublic(query: DirectoryQuery): Promise<RoomRecord[]> {
    const filter: Record<string, unknown> = { kind: 'room', visibility: 'public' };
    if (query.namePrefix)
      filter.nameLower = mongoose.trusted({ $regex: `^${escapeRegex(query.namePrefix.toLowerCase())}` });
    if (query.beforeId) filter._id = mongoose.trusted({ $lt: objectId(query.beforeId) });
    const found = await retryTransient('rooms.listPublic', () =>
      this.rooms
        .find(filter)
        .sort({ _id: -1 })
        .limit(query.limit + 1)
        .lean<RoomDocument[]>()
        .exec(),
    );
    return found.map(roomFromDocument);
  }

  async update(id: string, changes: RoomChanges): Promise<RoomRecord | null> {
    const updated = await retryTransient('rooms.update', () =>
      this.rooms
        .findOneAndUpdate({ _id: objectId(id) }, { $set: changes }, { returnDocument: 'after' })
        .lean<RoomDocument>()
        .exec(),
    );
    return updated ? roomFromDocument(updated) : null;
  }

  async delete(id: string): Promise<void> {
    await retryTransient('rooms.delete', () => this.rooms.deleteOne({ _id: objectId(id) }).exec());
    await retryTransient('memberships.removeAllOfRoom', () =>
      this.memberships.deleteMany({ roomId: id }).exec(),
    );
  }

  /** One atomic `$inc`: concurrent callers on any process get disjoint ranges. Not retried: see MessageAppender. */
  async reserveSeqs(id: string, count: number, at: Date): Promise<RoomCounters | null> {
    const room = await this.rooms
      .findOneAndUpdate(
        { _id: objectId(id) },
        { $inc: { lastSeq: count, lastRev: count }, $set: { lastActivityAt: at } },
        { returnDocument: 'after', projection: { lastSeq: 1, lastRev: 1 } },
      )
      .lean<RoomDocument>()
      .exec();
    return room ? { lastSeq: room.lastSeq, lastRev: room.lastRev } : null;
  }

  /** The same `$inc` on the rev counter alone: an edit, a deletion or a reaction. Not retried either. */
  async reserveRev(id: string): Promise<number | null> {
    const room = await this.rooms
      .findOneAndUpdate(
        { _id: objectId(id) },
        { $inc: { lastRev: 1 } },
        { returnDocument: 'after', projection: { lastRev: 1 } },
      )
      .lean<RoomDocument>()
      .exec();
    return room ? room.lastRev : null;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import mongoose, { Model } from 'mongoose';
import type { RoomRole, NotificationLevel } from '@chat/contracts';
import { insertOnce, isTransientStoreError, objectId, retryTransient } from '@chat/platform/mongo';
import { MembershipsRepository } from '../memberships.repository';
import type { MembershipRecord, NewMember } from '../room.record';
import { membershipIdFor, newMembership } from '../room-keys';
import { MembershipDocument } from './membership.schema';
import { memberCountOp, membershipFromDocument } from './mongo-records';
import { RoomDocument } from './room.schema';

/** Far more than the membership changes of one room that can overlap a retry (a few seconds). */
const MEMBER_COUNT_OPS_KEPT = 100;

/**
 * Memberships on MongoDB. Every call retries transient store failures: the insert recognises its own
 * earlier copy by its `joinedAt`, updates and deletes repeat safely, and the member count's `$inc`
 * carries an op id that makes it idempotent.
 */
@Injectable()
export class MongoMembershipsRepository extends MembershipsRepository {
  constructor(
    @InjectModel(MembershipDocument.name) private readonly memberships: Model<MembershipDocument>,
    @InjectModel(RoomDocument.name) private readonly rooms: Model<RoomDocument>,
  ) {
    super();
  }

  async add(roomId: string, member: NewMember): Promise<MembershipRecord | null> {
    const record = newMembership(roomId, member);
    const { id, ...fields } = record;
    const stored = await insertOnce(
      'memberships.insert',
      () => this.memberships.create({ ...fields, _id: objectId(id) }),
      async () => (await this.find(roomId, member.userId))?.joinedAt.getTime() === record.joinedAt.getTime(),
    );
    if (!stored) return null;
    await this.changeMemberCount(roomId, +1, memberCountOp('join', record));
    return record;
  }

  /** A removal whose outcome went unknown still decrements: the op id makes it count once. */
  async remove(roomId: string, userId: string): Promise<boolean> {
    const membership = await this.find(roomId, userId);
    if (!membership) return false;
    let uncertain = false;
    const removed = await retryTransient('memberships.remove', async () => {
      try {
        const { deletedCount } = await this.memberships.deleteOne({ _id: objectId(membership.id) }).exec();
        return deletedCount > 0 || uncertain;
      } catch (error) {
        if (isTransientStoreError(error)) uncertain = true;
        throw error;
      }
    });
    if (removed) await this.changeMemberCount(roomId, -1, memberCountOp('leave', membership));
    return removed;
  }

  async find(roomId: string, userId: string): Promise<MembershipRecord | null> {
    const found = await retryTransient('memberships.find', () =>
      this.memberships
        .findById(objectId(membershipIdFor(roomId, userId)))
        .lean<MembershipDocument>()
        .exec(),
    );
    return found ? membershipFromDocument(found) : null;
  }

  async listByUser(userId: string): Promise<MembershipRecord[]> {
    const found = await retryTransient('memberships.listByUser', () =>
      this.memberships.find({ userId }).lean<MembershipDocument[]>().exec(),
    );
    return found.map(membershipFromDocument);
  }

  async roomIdsByUsers(userIds: string[]): Promise<Map<string, string[]>> {
    const rows = await retryTransient('memberships.roomIdsByUsers', () =>
      this.memberships
        .find({ userId: mongoose.trusted({ $in: userIds }) }, { userId: 1, roomId: 1 })
        .lean<Pick<MembershipDocument, 'userId' | 'roomId'>[]>()
        .exec(),
    );
    const rooms = new Map<string, string[]>();
    for (const { userId, roomId } of rows)
      rooms.set(String(userId), [...(rooms.get(String(userId)) ?? []), String(roomId)]);
    return rooms;
  }

  async listByRoom(roomId: string, afterId: string | undefined, limit: number): Promise<MembershipRecord[]> {
    const filter: Record<string, unknown> = { roomId };
    if (afterId) filter._id = mongoose.trusted({ $gt: objectId(afterId) });
    const found = await retryTransient('memberships.listByRoom', () =>
      this.memberships
        .find(filter)
        .sort({ _id: 1 })
        .limit(limit + 1)
        .lean<MembershipDocument[]>()
        .exec(),
    );
    return found.map(membershipFromDocument);
  }

  async userIdsOfRoom(roomId: string): Promise<string[]> {
    const rows = await retryTransient('memberships.userIdsOfRoom', () =>
      this.memberships.find({ roomId }, { userId: 1 }).lean<{ userId: string }[]>().exec(),
    );
    return rows.map((row) => row.userId);
  }

  async withLevel(roomId: string, level: NotificationLevel): Promise<MembershipRecord[]> {
    const found = await retryTransient('memberships.withLevel', () =>
      this.memberships.find({ roomId, notificationLevel: level }).lean<MembershipDocument[]>().exec(),
    );
    return found.map(membershipFromDocument);
  }

  async setRole(roomId: string, userId: string, role: RoomRole): Promise<void> {
    await retryTransient('memberships.setRole', () =>
      this.memberships
        .updateOne({ _id: objectId(membershipIdFor(roomId, userId)) }, { $set: { role } })
        .exec(),
    );
  }

  async advanceRead(roomId: string, userId: string, seq: number): Promise<void> {
    await retryTransient('memberships.advanceRead', () =>
      this.memberships
        .updateOne(
          { _id: objectId(membershipIdFor(roomId, userId)), lastReadSeq: mongoose.trusted({ $lt: seq }) },
          { $set: { lastReadSeq: seq } },
        )
        .exec(),
    );
  }

  async setNotificationLevel(roomId: string, userId: string, level: NotificationLevel): Promise<boolean> {
    const result = await retryTransient('memberships.setNotificationLevel', () =>
      this.memberships
        .updateOne({ _id: objectId(membershipIdFor(roomId, userId)) }, { $set: { notificationLevel: level } })
        .exec(),
    );
    return result.matchedCount > 0;
  }

  /**
   * Applies one membership change to the count exactly once, however often it is retried: `opId` is kept
   * with the count in the same atomic update, so a retry after an unanswered attempt that landed matches
   * nothing. Concurrent changes still commute, unlike a recount.
   */
  private async changeMemberCount(roomId: string, delta: number, opId: string): Promise<void> {
    await retryTransient('rooms.changeMemberCount', () =>
      this.rooms
        .updateOne(
          { _id: objectId(roomId), memberCountOps: mongoose.trusted({ $ne: opId }) },
          {
            $inc: { memberCount: delta },
            $push: { memberCountOps: { $each: [opId], $slice: -MEMBER_COUNT_OPS_KEPT } },
          },
        )
        .exec(),
    );
  }
}

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import mongoose, { Model, Types } from 'mongoose';
import type { RoomRole } from '@chat/contracts';
import { insertOnce, isTransientStoreError, retryTransient } from '@chat/platform';
import { MembershipRecord } from './membership.schema';
import { membershipIdFor } from './room-keys';

/**
 * How a removal ended: `unknown` means the membership is gone but an attempt went unanswered, so this
 * call may or may not be the one that removed it.
 */
export type RemovalOutcome = 'removed' | 'absent' | 'unknown';

/**
 * The only writer of the `memberships` collection. Every call retries transient store failures: the
 * insert recognises its own earlier copy by its `joinedAt`, updates and deletes repeat safely.
 */
@Injectable()
export class MembershipsRepository {
  constructor(@InjectModel(MembershipRecord.name) private readonly memberships: Model<MembershipRecord>) {}

  /** @returns false when the user is a member already (the derived `_id` makes this race-free) */
  insert(roomId: string, userId: string, role: RoomRole, lastReadSeq: number): Promise<boolean> {
    const record = {
      _id: membershipIdFor(roomId, userId),
      roomId,
      userId,
      role,
      joinedAt: new Date(),
      lastReadSeq,
    };
    return insertOnce(
      'memberships.insert',
      () => this.memberships.create(record),
      async () => {
        const stored = await this.memberships.findById(record._id).lean<MembershipRecord>().exec();
        return stored?.joinedAt.getTime() === record.joinedAt.getTime();
      },
    );
  }

  find(roomId: string, userId: string): Promise<MembershipRecord | null> {
    return retryTransient('memberships.find', () =>
      this.memberships.findById(membershipIdFor(roomId, userId)).lean<MembershipRecord>().exec(),
    );
  }

  listByUser(userId: string): Promise<MembershipRecord[]> {
    return retryTransient('memberships.listByUser', () =>
      this.memberships.find({ userId }).lean<MembershipRecord[]>().exec(),
    );
  }

  /** Room ids by user, for many users in one query. */
  async roomIdsByUsers(userIds: string[]): Promise<Map<string, string[]>> {
    const rows = await retryTransient('memberships.roomIdsByUsers', () =>
      this.memberships
        .find({ userId: mongoose.trusted({ $in: userIds }) }, { userId: 1, roomId: 1 })
        .lean<Pick<MembershipRecord, 'userId' | 'roomId'>[]>()
        .exec(),
    );
    const rooms = new Map<string, string[]>();
    for (const { userId, roomId } of rows)
      rooms.set(String(userId), [...(rooms.get(String(userId)) ?? []), String(roomId)]);
    return rooms;
  }

  /** Paged by `_id`; `limit + 1` rows. */
  listByRoom(
    roomId: string,
    afterId: Types.ObjectId | undefined,
    limit: number,
  ): Promise<MembershipRecord[]> {
    const filter: Record<string, unknown> = { roomId };
    if (afterId) filter._id = mongoose.trusted({ $gt: afterId });
    return retryTransient('memberships.listByRoom', () =>
      this.memberships
        .find(filter)
        .sort({ _id: 1 })
        .limit(limit + 1)
        .lean<MembershipRecord[]>()
        .exec(),
    );
  }

  async userIdsOfRoom(roomId: string): Promise<string[]> {
    const rows = await retryTransient('memberships.userIdsOfRoom', () =>
      this.memberships.find({ roomId }, { userId: 1 }).lean<{ userId: string }[]>().exec(),
    );
    return rows.map((row) => row.userId);
  }

  countOfRoom(roomId: string): Promise<number> {
    return retryTransient('memberships.countOfRoom', () =>
      this.memberships.countDocuments({ roomId }).exec(),
    );
  }

  async remove(roomId: string, userId: string): Promise<RemovalOutcome> {
    let uncertain = false;
    return retryTransient('memberships.remove', async () => {
      try {
        const { deletedCount } = await this.memberships
          .deleteOne({ _id: membershipIdFor(roomId, userId) })
          .exec();
        if (deletedCount > 0) return 'removed';
        return uncertain ? 'unknown' : 'absent';
      } catch (error) {
        if (isTransientStoreError(error)) uncertain = true;
        throw error;
      }
    });
  }

  async setRole(roomId: string, userId: string, role: RoomRole): Promise<void> {
    await retryTransient('memberships.setRole', () =>
      this.memberships.updateOne({ _id: membershipIdFor(roomId, userId) }, { $set: { role } }).exec(),
    );
  }

  /** Moves the marker forward only; concurrent marks settle on the highest. */
  async advanceRead(roomId: string, userId: string, seq: number): Promise<void> {
    await retryTransient('memberships.advanceRead', () =>
      this.memberships
        .updateOne(
          { _id: membershipIdFor(roomId, userId), lastReadSeq: mongoose.trusted({ $lt: seq }) },
          { $set: { lastReadSeq: seq } },
        )
        .exec(),
    );
  }

  async removeAllOfRoom(roomId: string): Promise<void> {
    await retryTransient('memberships.removeAllOfRoom', () => this.memberships.deleteMany({ roomId }).exec());
  }
}

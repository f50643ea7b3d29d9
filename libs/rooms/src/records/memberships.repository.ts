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
 * The id of a membership's effect on its room's count. It names the membership instance (a re-join is a
 * new instance, with a new `joinedAt`), so every caller that adds or removes that instance, retries
 * included, applies the same change once.
 */
export function memberCountOp(change: 'join' | 'leave', membership: MembershipRecord): string {
  return `${change}:${String(membership._id)}:${membership.joinedAt.getTime()}`;
}

/**
 * The only writer of the `memberships` collection. Every call retries transient store failures: the
 * insert recognises its own earlier copy by its `joinedAt`, updates and deletes repeat safely.
 */
@Injectable()
export class MembershipsRepository {
  constructor(@InjectModel(MembershipRecord.name) private readonly memberships: Model<MembershipRecord>) {}

  /** @returns false when the user is a member already (the derived `_id` makes this race-free) */
  /** @returns the new membership, or null when the user is a member already */
  async insert(
    roomId: string,
    userId: string,
    role: RoomRole,
    lastReadSeq: number,
  ): Promise<MembershipRecord | null> {
    const record: MembershipRecord = {
      _id: membershipIdFor(roomId, userId),
      roomId,
      userId,
      role,
      joinedAt: new Date(),
      lastReadSeq,
    };
    const stored = await insertOnce(
      'memberships.insert',
      () => this.memberships.create(record),
      async () => {
        const existing = await this.memberships.findById(record._id).lean<MembershipRecord>().exec();
        return existing?.joinedAt.getTime() === record.joinedAt.getTime();
      },
    );
    return stored ? record : null;
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

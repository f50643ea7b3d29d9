import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { SessionRecord, SPENT_TOKENS_KEPT } from './session.schema';

/** The only writer of the `sessions` collection. */
@Injectable()
export class SessionsRepository {
  constructor(@InjectModel(SessionRecord.name) private readonly sessions: Model<SessionRecord>) {}

  async create(record: Omit<SessionRecord, 'spentHashes' | 'revokedAt'>): Promise<void> {
    await this.sessions.create({ ...record, spentHashes: [], revokedAt: null });
  }

  findById(id: Types.ObjectId): Promise<SessionRecord | null> {
    return this.sessions.findById(id).lean<SessionRecord>().exec();
  }

  /**
   * Swaps the current refresh hash for a new one in one atomic step: of two concurrent refreshes with
   * the same token, exactly one wins, and the other then sees a spent token. Expiry is checked by the
   * caller, not in the filter: the embedded store cannot range-compare persisted dates.
   */
  rotate(
    id: Types.ObjectId,
    presentedHash: string,
    nextHash: string,
    expiresAt: Date,
  ): Promise<SessionRecord | null> {
    return this.sessions
      .findOneAndUpdate(
        { _id: id, refreshHash: presentedHash, revokedAt: null },
        {
          $set: { refreshHash: nextHash, expiresAt },
          $push: { spentHashes: { $each: [presentedHash], $slice: -SPENT_TOKENS_KEPT } },
        },
        { returnDocument: 'after' },
      )
      .lean<SessionRecord>()
      .exec();
  }

  async markRevoked(id: Types.ObjectId): Promise<void> {
    await this.sessions.updateOne({ _id: id, revokedAt: null }, { $set: { revokedAt: new Date() } }).exec();
  }
}

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { insertOnce, isTransientStoreError, retryTransient } from '@chat/platform';
import { SessionRecord, SPENT_TOKENS_KEPT } from './session.schema';

/**
 * The only writer of the `sessions` collection. Every call retries transient store failures (see
 * retryTransient); the two writes that are not idempotent by themselves recognise their own earlier
 * attempt: an insert by its fresh `_id`, a rotation by the new hash it set.
 */
@Injectable()
export class SessionsRepository {
  constructor(@InjectModel(SessionRecord.name) private readonly sessions: Model<SessionRecord>) {}

  async create(record: Omit<SessionRecord, 'spentHashes' | 'revokedAt'>): Promise<void> {
    const stored = await insertOnce(
      'sessions.create',
      () => this.sessions.create({ ...record, spentHashes: [], revokedAt: null }),
      // The `_id` is new to this call, so only an earlier attempt of it can have taken it.
      () => Promise.resolve(true),
    );
    if (!stored) throw new Error(`session id ${record._id.toHexString()} is taken`);
  }

  findById(id: Types.ObjectId): Promise<SessionRecord | null> {
    return retryTransient('sessions.findById', () => this.sessions.findById(id).lean<SessionRecord>().exec());
  }

  /**
   * Swaps the current refresh hash for a new one in one atomic step: of two concurrent refreshes with
   * the same token, exactly one wins, and the other then sees a spent token. Expiry is checked by the
   * caller, not in the filter: the embedded store cannot range-compare persisted dates.
   *
   * After an attempt without an answer, a retry that matches nothing may mean that attempt won: the
   * session then holds `nextHash`, which nobody else knows, and that counts as this rotation (it must
   * not look like the reuse of a spent token, which would revoke the session).
   */
  async rotate(
    id: Types.ObjectId,
    presentedHash: string,
    nextHash: string,
    expiresAt: Date,
  ): Promise<SessionRecord | null> {
    let uncertain = false;
    return retryTransient('sessions.rotate', async () => {
      try {
        const rotated = await this.swapHash(id, presentedHash, nextHash, expiresAt);
        if (rotated || !uncertain) return rotated;
        const current = await this.sessions.findById(id).lean<SessionRecord>().exec();
        return current && !current.revokedAt && current.refreshHash === nextHash ? current : null;
      } catch (error) {
        if (isTransientStoreError(error)) uncertain = true;
        throw error;
      }
    });
  }

  async markRevoked(id: Types.ObjectId): Promise<void> {
    await retryTransient('sessions.markRevoked', () =>
      this.sessions.updateOne({ _id: id, revokedAt: null }, { $set: { revokedAt: new Date() } }).exec(),
    );
  }

  private swapHash(
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
}

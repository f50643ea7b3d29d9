import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { insertOnce, isTransientStoreError, objectId, retryTransient, timeMs } from '@chat/platform/mongo';
import {
  type LastRotation,
  type NewSession,
  type RotationStep,
  type SessionRecord,
  SPENT_TOKENS_KEPT,
} from '../session.record';
import { SessionsRepository } from '../sessions.repository';
import { SessionDocument } from './session.schema';

/** Lean reads skip schema defaults, so documents written before the grace window lack these fields. */
function lastRotationOf(document: SessionDocument): LastRotation | null {
  const { previousHash, rotatedAt, successorSealed } = document;
  if (!previousHash || !rotatedAt || !successorSealed) return null;
  return { previousHash, rotatedAt: new Date(timeMs(rotatedAt)), successorSealed };
}

function toRecord(document: SessionDocument): SessionRecord {
  const { _id, userId, refreshHash, spentHashes, createdAt, expiresAt, revokedAt } = document;
  return {
    id: _id.toHexString(),
    userId,
    refreshHash,
    spentHashes,
    createdAt: new Date(timeMs(createdAt)),
    expiresAt: new Date(timeMs(expiresAt)),
    revokedAt: revokedAt ? new Date(timeMs(revokedAt)) : null,
    lastRotation: lastRotationOf(document),
  };
}

/**
 * Sessions on MongoDB. Every call retries transient store failures (see retryTransient); the two writes
 * that are not idempotent by themselves recognise their own earlier attempt: an insert by its fresh id,
 * a rotation by the new hash it set.
 */
@Injectable()
export class MongoSessionsRepository extends SessionsRepository {
  constructor(@InjectModel(SessionDocument.name) private readonly sessions: Model<SessionDocument>) {
    super();
  }

  async create(record: NewSession): Promise<void> {
    const { id, ...rest } = record;
    const stored = await insertOnce(
      'sessions.create',
      () =>
        this.sessions.create({
          ...rest,
          _id: objectId(id),
          spentHashes: [],
          revokedAt: null,
          previousHash: null,
          rotatedAt: null,
          successorSealed: null,
        }),
      // The id is new to this call, so only an earlier attempt of it can have taken it.
      () => Promise.resolve(true),
    );
    if (!stored) throw new Error(`session id ${id} is taken`);
  }

  async findById(id: string): Promise<SessionRecord | null> {
    const found = await retryTransient('sessions.findById', () =>
      this.sessions.findById(objectId(id)).lean<SessionDocument>().exec(),
    );
    return found ? toRecord(found) : null;
  }

  /**
   * Expiry is checked by the caller, not in the filter: the embedded test store cannot range-compare
   * persisted dates. After an attempt without an answer, a retry that matches nothing may mean that
   * attempt won: the session then holds `nextHash`, which nobody else knows, and that counts as this
   * rotation (it must not look like the reuse of a spent token, which would revoke the session).
   */
  async rotate(id: string, step: RotationStep): Promise<SessionRecord | null> {
    let uncertain = false;
    return retryTransient('sessions.rotate', async () => {
      try {
        const rotated = await this.swapHash(id, step);
        if (rotated || !uncertain) return rotated;
        const current = await this.findById(id);
        return current && !current.revokedAt && current.refreshHash === step.nextHash ? current : null;
      } catch (error) {
        if (isTransientStoreError(error)) uncertain = true;
        throw error;
      }
    });
  }

  async markRevoked(id: string): Promise<void> {
    await retryTransient('sessions.markRevoked', () =>
      this.sessions
        .updateOne({ _id: objectId(id), revokedAt: null }, { $set: { revokedAt: new Date() } })
        .exec(),
    );
  }

  /** One findOneAndUpdate: the grace fields never describe a rotation other than the current hash's. */
  private async swapHash(id: string, step: RotationStep): Promise<SessionRecord | null> {
    const { presentedHash, nextHash, successorSealed, rotatedAt, expiresAt } = step;
    const swapped = await this.sessions
      .findOneAndUpdate(
        { _id: objectId(id), refreshHash: presentedHash, revokedAt: null },
        {
          $set: { refreshHash: nextHash, expiresAt, previousHash: presentedHash, rotatedAt, successorSealed },
          $push: { spentHashes: { $each: [presentedHash], $slice: -SPENT_TOKENS_KEPT } },
        },
        { returnDocument: 'after' },
      )
      .lean<SessionDocument>()
      .exec();
    return swapped ? toRecord(swapped) : null;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import mongoose, { Model } from 'mongoose';
import { objectId, retryTransient } from '@chat/platform/mongo';
import type { PushSubscriptionRecord } from '../push-subscription.record';
import { PushSubscriptionsRepository } from '../push-subscriptions.repository';
import { PushSubscriptionDocument } from './push-subscription.schema';

function toRecord(document: PushSubscriptionDocument): PushSubscriptionRecord {
  const base = {
    id: document._id.toHexString(),
    userId: document.userId,
    sessionId: document.sessionId ?? '',
    createdAt: document.createdAt,
  };
  return document.kind === 'webpush'
    ? {
        ...base,
        kind: 'webpush',
        endpoint: document.endpoint!,
        p256dh: document.p256dh!,
        auth: document.auth!,
      }
    : { ...base, kind: 'gateway', appId: document.appId!, pushkey: document.pushkey! };
}

/**
 * Push subscriptions on MongoDB. The limit is checked before the write and again after it: two devices
 * registering at once may both be refused at the limit, but a user never ends above it.
 */
@Injectable()
export class MongoPushSubscriptionsRepository extends PushSubscriptionsRepository {
  constructor(
    @InjectModel(PushSubscriptionDocument.name)
    private readonly subscriptions: Model<PushSubscriptionDocument>,
  ) {
    super();
  }

  async put(record: PushSubscriptionRecord, maxPerUser: number): Promise<PushSubscriptionRecord | null> {
    const _id = objectId(record.id);
    const others = { userId: record.userId, _id: mongoose.trusted({ $ne: _id }) };
    if ((await this.count(others)) >= maxPerUser) return null;
    const { id, createdAt, ...fields } = record;
    void id;
    const before = await retryTransient('pushSubscriptions.put', () =>
      this.subscriptions
        .findOneAndUpdate(
          { _id },
          { $set: fields, $setOnInsert: { createdAt } },
          { upsert: true, returnDocument: 'before' },
        )
        .lean<PushSubscriptionDocument>()
        .exec(),
    );
    const ownedBefore = before?.userId === record.userId;
    if (!ownedBefore && (await this.count(others)) >= maxPerUser) {
      // Undo only what this call did: a new device goes, a moved one goes back to its previous user.
      if (before) await this.subscriptions.replaceOne({ _id }, before).exec();
      else await this.subscriptions.deleteOne({ _id, userId: record.userId }).exec();
      return null;
    }
    return { ...record, createdAt: before?.createdAt ?? createdAt };
  }

  async findById(id: string): Promise<PushSubscriptionRecord | null> {
    const found = await retryTransient('pushSubscriptions.findById', () =>
      this.subscriptions.findById(objectId(id)).lean<PushSubscriptionDocument>().exec(),
    );
    return found ? toRecord(found) : null;
  }

  async listByUser(userId: string): Promise<PushSubscriptionRecord[]> {
    const found = await retryTransient('pushSubscriptions.listByUser', () =>
      this.subscriptions
        .find({ userId })
        .sort({ createdAt: 1, _id: 1 })
        .lean<PushSubscriptionDocument[]>()
        .exec(),
    );
    return found.map(toRecord);
  }

  async remove(id: string, userId?: string): Promise<boolean> {
    const filter = userId === undefined ? { _id: objectId(id) } : { _id: objectId(id), userId };
    const result = await retryTransient('pushSubscriptions.remove', () =>
      this.subscriptions.deleteOne(filter).exec(),
    );
    return result.deletedCount > 0;
  }

  private count(filter: object): Promise<number> {
    return retryTransient('pushSubscriptions.count', () => this.subscriptions.countDocuments(filter).exec());
  }
}

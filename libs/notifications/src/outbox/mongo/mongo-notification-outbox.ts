import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import mongoose, { Model } from 'mongoose';
import { idFromKey } from '@chat/platform/ids';
import { insertOnce, leaseDue, objectId, retryTransient } from '@chat/platform/mongo';
import { NotificationOutbox } from '../notification-outbox';
import { strongerReason, type EnqueueOutcome, type OutboxNotification } from '../outbox-notification';
import { OutboxNotificationDocument } from './outbox-notification.schema';

/** The document's `_id`: derived from the idempotency key, so the key cannot be stored twice. */
function documentId(id: string) {
  return objectId(idFromKey(`outbox:${id}`));
}

function toNotification(document: OutboxNotificationDocument): OutboxNotification {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the lease stays in the store
  const { _id, key, leaseToken, ...rest } = document;
  return { ...rest, id: key };
}

/**
 * The outbox on MongoDB. A merge is one conditional update on an open notification (not leased, never
 * tried, window open, older seq), so it cannot land in one a worker is sending.
 */
@Injectable()
export class MongoNotificationOutbox extends NotificationOutbox {
  constructor(
    @InjectModel(OutboxNotificationDocument.name) private readonly outbox: Model<OutboxNotificationDocument>,
  ) {
    super();
  }

  async enqueue(n: OutboxNotification, now: Date): Promise<EnqueueOutcome> {
    const covering = await retryTransient('outbox.covered', () =>
      this.outbox
        .exists({
          subscriptionId: n.subscriptionId,
          roomId: n.roomId,
          firstSeq: mongoose.trusted({ $lte: n.seq }),
          seq: mongoose.trusted({ $gte: n.seq }),
        })
        .exec(),
    );
    if (covering) return 'covered';
    if (await this.merge(n, now)) return 'merged';
    const { id, ...fields } = n;
    const _id = documentId(id);
    // A retried insert that meets its own landed copy (same window) still counts as queued.
    const stored = await insertOnce(
      'outbox.insert',
      () => this.outbox.create({ ...fields, _id, key: id, leaseToken: null }),
      async () => (await this.outbox.exists({ _id, mergeUntil: n.mergeUntil }).exec()) !== null,
    );
    return stored ? 'queued' : 'covered';
  }

  private async merge(n: OutboxNotification, now: Date): Promise<boolean> {
    const open = await this.outbox
      .findOne({
        subscriptionId: n.subscriptionId,
        roomId: n.roomId,
        leaseToken: null,
        attempts: 0,
        mergeUntil: mongoose.trusted({ $gt: now }),
        seq: mongoose.trusted({ $lt: n.seq }),
      })
      .lean<OutboxNotificationDocument>()
      .exec();
    if (!open) return false;
    const merged = await this.outbox
      .updateOne(
        // Still open: a worker may have leased it (and failed: released, attempts > 0) since the read.
        { _id: open._id, leaseToken: null, attempts: 0, seq: open.seq },
        {
          $set: {
            seq: n.seq,
            messageId: n.messageId,
            senderId: n.senderId,
            preview: n.preview,
            reason: strongerReason(open.reason, n.reason),
          },
          $inc: { count: 1 },
        },
      )
      .exec();
    return merged.modifiedCount > 0;
  }

  async lease(limit: number, leaseMs: number, now: Date): Promise<OutboxNotification[]> {
    const held = await leaseDue(this.outbox, { due: 'dueAt', token: 'leaseToken' }, limit, leaseMs, now);
    return held.map(toNotification).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  async remove(id: string): Promise<void> {
    await retryTransient('outbox.remove', () => this.outbox.deleteOne({ _id: documentId(id) }).exec());
  }

  async reschedule(id: string, dueAt: Date, attempts: number): Promise<void> {
    await retryTransient('outbox.reschedule', () =>
      this.outbox.updateOne({ _id: documentId(id) }, { $set: { dueAt, attempts, leaseToken: null } }).exec(),
    );
  }
}

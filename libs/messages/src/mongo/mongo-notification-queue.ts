import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import mongoose, { Model } from 'mongoose';
import { leaseDue, objectId } from '@chat/platform/mongo';
import type { MessageRecord } from '../message.record';
import { byRoomThenSeq, NotificationQueue } from '../notification-queue';
import { MessageDocument } from './message.schema';
import { toRecord } from './mongo-messages.repository';

/**
 * The mark is `notifyAt`. Several gateways lease at once: each takes the due marks it can move forward
 * under its own lease token, then reads back what it holds, so a message is worked on by one at a time.
 */
@Injectable()
export class MongoNotificationQueue extends NotificationQueue {
  constructor(@InjectModel(MessageDocument.name) private readonly messages: Model<MessageDocument>) {
    super();
  }

  async lease(limit: number, leaseMs: number, now: Date): Promise<MessageRecord[]> {
    const held = await leaseDue(
      this.messages,
      { due: 'notifyAt', token: 'notifyLease' },
      limit,
      leaseMs,
      now,
    );
    return held.map(toRecord).sort(byRoomThenSeq);
  }

  async settle(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.messages.updateMany(
      { _id: mongoose.trusted({ $in: ids.map(objectId) }) },
      { $unset: { notifyAt: 1, notifyLease: 1 } },
    );
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { type MessageRecord, NotificationQueue } from '@chat/messages';
import { NotificationAudience, type AudienceCache, type NotifiedMember } from '@chat/rooms';
import { NotificationOutbox } from '../outbox/notification-outbox';
import type { OutboxNotification } from '../outbox/outbox-notification';
import { PUSH_OPTIONS, type PushOptions } from '../push.options';
import { NotificationMetrics } from '../notification-metrics';
import type { PushSubscriptionRecord } from '../subscriptions/push-subscription.record';
import { PushSubscriptionsRepository } from '../subscriptions/push-subscriptions.repository';
import { RoomViewers } from './room-viewers';
import { previewOf } from './push-payload';

const BATCH = 200;
const LEASE_MS = 30_000;

/**
 * Turns stored messages into outbox notifications: who the message notifies (rooms' levels), minus those
 * who have read it or have a socket in the room now, times their devices. A message's mark is cleared
 * only after its notifications are queued, so a crash in between derives them again; the outbox
 * recognises what it already counted.
 */
@Injectable()
export class NotificationDeriver {
  private readonly logger = new Logger(NotificationDeriver.name);

  constructor(
    private readonly queue: NotificationQueue,
    private readonly audience: NotificationAudience,
    private readonly viewers: RoomViewers,
    private readonly subscriptions: PushSubscriptionsRepository,
    private readonly outbox: NotificationOutbox,
    private readonly metrics: NotificationMetrics,
    @Inject(PUSH_OPTIONS) private readonly options: PushOptions,
  ) {}

  /** @returns whether more marked messages may be waiting */
  async tick(): Promise<boolean> {
    const messages = await this.queue.lease(BATCH, LEASE_MS, new Date());
    const derived: string[] = [];
    const rooms: AudienceCache = new Map();
    for (const message of messages) {
      try {
        await this.derive(message, rooms);
        derived.push(message.id);
      } catch (error) {
        // Left marked: derived again once the lease lapses.
        this.logger.warn(`notifications of message ${message.id}: ${(error as Error).message}`);
      }
    }
    await this.queue.settle(derived);
    return messages.length === BATCH;
  }

  private async derive(message: MessageRecord, rooms: AudienceCache): Promise<void> {
    if (message.deleted) return;
    const audience = await this.audience.of(message, rooms);
    const unread = audience?.members.filter((member) => member.lastReadSeq < message.seq) ?? [];
    const withDevices: { member: NotifiedMember; devices: PushSubscriptionRecord[] }[] = [];
    for (const member of unread) {
      const devices = await this.subscriptions.listByUser(member.userId);
      if (devices.length > 0) withDevices.push({ member, devices });
    }
    if (withDevices.length === 0) return;
    const present = await this.viewers.present(
      message.roomId,
      withDevices.map(({ member }) => member.userId),
      message.createdAt,
    );
    for (const { member, devices } of withDevices) {
      if (present.has(member.userId)) this.metrics.skipped.inc({ reason: 'viewing' });
      else await this.queueFor(member, devices, message);
    }
  }

  private async queueFor(
    member: NotifiedMember,
    devices: PushSubscriptionRecord[],
    message: MessageRecord,
  ): Promise<void> {
    const now = new Date();
    const windowEnd = new Date(
      Math.max(now.getTime(), message.createdAt.getTime()) + this.options.coalesceMs,
    );
    for (const device of devices) {
      const notification: OutboxNotification = {
        id: `${message.id}:${device.id}`,
        subscriptionId: device.id,
        userId: member.userId,
        roomId: message.roomId,
        firstSeq: message.seq,
        seq: message.seq,
        messageId: message.id,
        senderId: message.senderId,
        reason: member.reason,
        preview: this.options.preview ? previewOf(message) : null,
        count: 1,
        createdAt: message.createdAt,
        mergeUntil: windowEnd,
        dueAt: windowEnd,
        attempts: 0,
      };
      if ((await this.outbox.enqueue(notification, now)) === 'queued') this.metrics.queued.inc();
    }
  }
}

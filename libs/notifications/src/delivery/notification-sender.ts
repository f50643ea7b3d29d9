import { Inject, Injectable, Logger } from '@nestjs/common';
import { SessionsRepository, UsersRepository } from '@chat/identity';
import { NotificationAudience, RoomsRepository } from '@chat/rooms';
import { NotificationOutbox } from '../outbox/notification-outbox';
import type { OutboxNotification } from '../outbox/outbox-notification';
import { PUSH_OPTIONS, type PushOptions } from '../push.options';
import { NotificationMetrics } from '../notification-metrics';
import { PushProvider, type DeliveryOutcome } from '../providers/push-provider';
import type { PushSubscriptionRecord } from '../subscriptions/push-subscription.record';
import { PushSubscriptionsRepository } from '../subscriptions/push-subscriptions.repository';
import { retryDelayMs } from './backoff';
import { payloadOf } from './push-payload';
import { RoomViewers } from './room-viewers';

const BATCH = 50;
/** Requests in flight at once per process: push services are slow, the outbox is not. */
const CONCURRENCY = 8;

export const PUSH_PROVIDERS = Symbol('PUSH_PROVIDERS');

/**
 * Sends what the outbox holds once its window closed. A notification leaves the outbox only after a push
 * service took it (or refused it for good), so a crash mid-request sends it again: with the same id,
 * and for Web Push the same Topic, so that receivers see it once. Before sending, it checks again that
 * the member has not read the room or opened it meanwhile.
 */
@Injectable()
export class NotificationSender {
  private readonly logger = new Logger(NotificationSender.name);
  private readonly providers: Map<string, PushProvider>;

  constructor(
    private readonly outbox: NotificationOutbox,
    private readonly subscriptions: PushSubscriptionsRepository,
    private readonly audience: NotificationAudience,
    private readonly viewers: RoomViewers,
    private readonly rooms: RoomsRepository,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly metrics: NotificationMetrics,
    @Inject(PUSH_PROVIDERS) providers: PushProvider[],
    @Inject(PUSH_OPTIONS) private readonly options: PushOptions,
  ) {
    this.providers = new Map(providers.map((provider) => [provider.kind, provider]));
  }

  /** @returns whether more due notifications may be waiting */
  async tick(): Promise<boolean> {
    // Past the request's own deadline: a lease lapses only when its holder died.
    const leaseMs = this.options.requestTimeoutMs + 5_000;
    const due = await this.outbox.lease(BATCH, leaseMs, new Date());
    const queue = [...due];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const notification = next;
        await this.send(notification).catch((error: Error) =>
          // Still leased: sent again when the lease lapses.
          this.logger.warn(`notification ${notification.id}: ${error.message}`),
        );
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, due.length) }, worker));
    return due.length === BATCH;
  }

  private async send(notification: OutboxNotification): Promise<void> {
    const { roomId, userId } = notification;
    const readThrough = await this.audience.readThrough(roomId, userId);
    if (readThrough === null || readThrough >= notification.seq) {
      this.metrics.skipped.inc({ reason: readThrough === null ? 'left' : 'read' });
      return this.outbox.remove(notification.id);
    }
    // Opened the room during the window: they are reading it now.
    if ((await this.viewers.present(roomId, [userId], new Date())).has(userId)) {
      this.metrics.skipped.inc({ reason: 'viewing' });
      return this.outbox.remove(notification.id);
    }
    const subscription = await this.subscriptions.findById(notification.subscriptionId);
    const provider = subscription && this.providers.get(subscription.kind);
    if (!subscription || subscription.userId !== notification.userId || !provider)
      return this.outbox.remove(notification.id);
    if (!(await this.sessionLive(subscription.sessionId))) {
      // Signed out on that device: fail closed, and forget the device.
      this.metrics.removedSubscriptions.inc({ provider: subscription.kind });
      await this.subscriptions.remove(subscription.id);
      return this.outbox.remove(notification.id);
    }
    const payload = payloadOf(notification, await this.names(notification));
    const result = await provider.deliver(subscription, payload);
    await this.settle(notification, subscription, result);
  }

  private async settle(
    notification: OutboxNotification,
    subscription: PushSubscriptionRecord,
    result: DeliveryOutcome,
  ): Promise<void> {
    const provider = subscription.kind;
    switch (result.outcome) {
      case 'sent':
        this.metrics.sent.inc({ provider });
        this.metrics.latency.observe({ provider }, (Date.now() - notification.createdAt.getTime()) / 1000);
        return this.outbox.remove(notification.id);
      case 'gone':
        this.metrics.removedSubscriptions.inc({ provider });
        await this.subscriptions.remove(subscription.id);
        return this.outbox.remove(notification.id);
      case 'failed':
        this.metrics.failed.inc({ provider, outcome: 'failed' });
        this.logger.warn(`notification ${notification.id} refused: ${result.reason}`);
        return this.outbox.remove(notification.id);
      case 'retry': {
        const attempts = notification.attempts + 1;
        if (attempts >= this.options.maxAttempts) {
          this.metrics.failed.inc({ provider, outcome: 'exhausted' });
          this.logger.warn(
            `notification ${notification.id} given up after ${attempts} attempts: ${result.reason}`,
          );
          return this.outbox.remove(notification.id);
        }
        this.metrics.failed.inc({ provider, outcome: 'retry' });
        const delay = Math.max(result.afterMs ?? 0, retryDelayMs(attempts));
        return this.outbox.reschedule(notification.id, new Date(Date.now() + delay), attempts);
      }
    }
  }

  private async sessionLive(sessionId: string): Promise<boolean> {
    const session = sessionId ? await this.sessions.findById(sessionId) : null;
    return session !== null && session.revokedAt === null && session.expiresAt.getTime() > Date.now();
  }

  private async names(notification: OutboxNotification) {
    const [room, sender] = await Promise.all([
      this.rooms.findById(notification.roomId),
      this.users.findById(notification.senderId),
    ]);
    return { roomName: room?.name ?? null, senderName: sender?.username ?? null };
  }
}

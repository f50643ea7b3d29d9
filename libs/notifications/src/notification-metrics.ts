import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { MetricsRegistry } from '@chat/platform/runtime';

/** Push notifications, from the outbox to the push services, on the app's registry. */
@Injectable()
export class NotificationMetrics {
  readonly queued: Counter;
  readonly skipped: Counter<'reason'>;
  readonly sent: Counter<'provider'>;
  readonly failed: Counter<'provider' | 'outcome'>;
  readonly removedSubscriptions: Counter<'provider'>;
  readonly latency: Histogram<'provider'>;

  constructor(registry: MetricsRegistry) {
    this.queued = new Counter({
      name: 'chat_push_notifications_queued_total',
      help: 'Notifications written to the outbox (a message merged into a queued one is not counted)',
      registers: [registry],
    });
    this.skipped = new Counter({
      name: 'chat_push_notifications_skipped_total',
      help: 'Notifications not sent: the member had read the message, or was looking at the room',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.sent = new Counter({
      name: 'chat_push_notifications_sent_total',
      help: 'Notifications a push service or the push gateway accepted',
      labelNames: ['provider'],
      registers: [registry],
    });
    this.failed = new Counter({
      name: 'chat_push_notifications_failed_total',
      help: 'Failed deliveries: retry (will be tried again), failed (refused for good), exhausted (out of attempts)',
      labelNames: ['provider', 'outcome'],
      registers: [registry],
    });
    this.removedSubscriptions = new Counter({
      name: 'chat_push_subscriptions_removed_total',
      help: 'Subscriptions removed because the push service said the device is gone (404, 410, rejected)',
      labelNames: ['provider'],
      registers: [registry],
    });
    this.latency = new Histogram({
      name: 'chat_push_delivery_seconds',
      help: 'From the (first coalesced) message being stored to the push service accepting its notification',
      labelNames: ['provider'],
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [registry],
    });
  }
}

import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { PushNotificationPayload } from '@chat/contracts';
import { withDeadline } from '@chat/platform/store';
import { sendNotification, WebPushError, type Urgency } from 'web-push';
import type { Agent } from 'node:https';
import { isPressing } from '../delivery/push-payload';
import { publicOnlyAgent } from './public-only-agent';
import { PUSH_OPTIONS, type PushOptions } from '../push.options';
import type { PushSubscriptionRecord } from '../subscriptions/push-subscription.record';
import { outcomeOfStatus, PushProvider, type DeliveryOutcome } from './push-provider';

/**
 * The Topic header (RFC 8030 §5.4): a push service keeps one undelivered message per topic, so a
 * redelivery of the same notification after a crash replaces the first instead of adding a second.
 * At most 32 characters of the URL-safe base64 alphabet.
 */
export function topicFor(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('base64url').slice(0, 32);
}

export function urgencyFor(payload: PushNotificationPayload): Urgency {
  return isPressing(payload.reason) ? 'high' : 'normal';
}

/** Web Push (RFC 8030) with payload encryption (RFC 8291) and VAPID (RFC 8292), by the `web-push` library. */
@Injectable()
export class WebPushProvider extends PushProvider {
  readonly kind = 'webpush';

  /** Without the operator's list of hosts, requests may reach public addresses only (resolved names included). */
  private readonly agent?: Agent;

  constructor(@Inject(PUSH_OPTIONS) private readonly options: PushOptions) {
    super();
    if (options.endpointHosts.length === 0) this.agent = publicOnlyAgent();
  }

  async deliver(
    subscription: PushSubscriptionRecord,
    payload: PushNotificationPayload,
  ): Promise<DeliveryOutcome> {
    const vapid = this.options.webPush;
    if (subscription.kind !== 'webpush' || !vapid?.privateKey)
      return { outcome: 'failed', reason: 'Web Push is not configured here' };
    const timeout = this.options.requestTimeoutMs;
    try {
      await withDeadline(
        sendNotification(
          { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
          JSON.stringify(payload),
          {
            vapidDetails: {
              subject: vapid.subject,
              publicKey: vapid.publicKey,
              privateKey: vapid.privateKey,
            },
            TTL: this.options.ttlSeconds,
            urgency: urgencyFor(payload),
            topic: topicFor(payload.id),
            timeout,
            agent: this.agent,
          },
        ),
        timeout,
        'push service',
      );
      return { outcome: 'sent' };
    } catch (error) {
      if (error instanceof WebPushError)
        return outcomeOfStatus(error.statusCode, error.headers?.['retry-after']);
      return { outcome: 'retry', reason: error instanceof Error ? error.message : String(error) };
    }
  }
}

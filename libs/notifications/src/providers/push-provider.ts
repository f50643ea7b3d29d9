import type { PushNotificationPayload } from '@chat/contracts';
import type { PushSubscriptionRecord } from '../subscriptions/push-subscription.record';

/** What a push service said: taken, the device is gone for good, try again later, or never (a bad request). */
export type DeliveryOutcome =
  | { outcome: 'sent' }
  | { outcome: 'gone' }
  | { outcome: 'retry'; reason: string; afterMs?: number }
  | { outcome: 'failed'; reason: string };

/** One way to reach devices (Web Push, the push gateway); the outbox's sender picks one by subscription kind. */
export abstract class PushProvider {
  abstract readonly kind: PushSubscriptionRecord['kind'];
  abstract deliver(
    subscription: PushSubscriptionRecord,
    payload: PushNotificationPayload,
  ): Promise<DeliveryOutcome>;
}

/** An HTTP status as an outcome: 404/410 gone, 408/429/5xx retried, any other 4xx failed. */
export function outcomeOfStatus(status: number, retryAfter?: string | null): DeliveryOutcome {
  if (status >= 200 && status < 300) return { outcome: 'sent' };
  if (status === 404 || status === 410) return { outcome: 'gone' };
  if (status === 408 || status === 429 || status >= 500) {
    const seconds = Number(retryAfter);
    return {
      outcome: 'retry',
      reason: `HTTP ${status}`,
      afterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined,
    };
  }
  return { outcome: 'failed', reason: `HTTP ${status}` };
}

import { Inject, Injectable } from '@nestjs/common';
import type { PushNotificationPayload } from '@chat/contracts';
import { isPressing } from '../delivery/push-payload';
import { PUSH_OPTIONS, type PushOptions } from '../push.options';
import type { PushSubscriptionRecord } from '../subscriptions/push-subscription.record';
import { outcomeOfStatus, PushProvider, type DeliveryOutcome } from './push-provider';

/**
 * The request of the Matrix push gateway API (`/_matrix/push/v1/notify`), which Sygnal and other gateways
 * speak: the operator's gateway holds the APNs and FCM credentials (docs/push-gateway.md). Our own
 * fields (`id`, `room_name`, `reason`) ride along; a gateway that does not know them ignores them.
 */
export function gatewayRequest(
  device: { appId: string; pushkey: string },
  payload: PushNotificationPayload,
): { notification: Record<string, unknown> } {
  return {
    notification: {
      id: payload.id,
      event_id: payload.messageId,
      room_id: payload.roomId,
      room_name: payload.roomName,
      type: 'm.room.message',
      sender: payload.senderId,
      sender_display_name: payload.senderName,
      prio: isPressing(payload.reason) ? 'high' : 'low',
      reason: payload.reason,
      counts: { unread: payload.count },
      ...(payload.preview === null ? {} : { content: { msgtype: 'm.text', body: payload.preview } }),
      devices: [{ app_id: device.appId, pushkey: device.pushkey, data: { idempotency_key: payload.id } }],
    },
  };
}

/** Mobile apps through the operator's push gateway, over HTTP with a shared secret. */
@Injectable()
export class PushGatewayProvider extends PushProvider {
  readonly kind = 'gateway';

  constructor(@Inject(PUSH_OPTIONS) private readonly options: PushOptions) {
    super();
  }

  async deliver(
    subscription: PushSubscriptionRecord,
    payload: PushNotificationPayload,
  ): Promise<DeliveryOutcome> {
    const gateway = this.options.gateway;
    if (subscription.kind !== 'gateway' || !gateway?.secret)
      return { outcome: 'failed', reason: 'the push gateway is not configured here' };
    try {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.secret}` },
        body: JSON.stringify(gatewayRequest(subscription, payload)),
        signal: AbortSignal.timeout(this.options.requestTimeoutMs),
        redirect: 'error',
      });
      const outcome = outcomeOfStatus(response.status, response.headers.get('retry-after'));
      if (outcome.outcome !== 'sent') {
        await response.body?.cancel();
        return outcome;
      }
      const answer = (await response.json().catch(() => ({}))) as { rejected?: unknown };
      // The gateway's word that the app's push service no longer knows this token.
      return Array.isArray(answer.rejected) && answer.rejected.includes(subscription.pushkey)
        ? { outcome: 'gone' }
        : { outcome: 'sent' };
    } catch (error) {
      return { outcome: 'retry', reason: error instanceof Error ? error.message : String(error) };
    }
  }
}

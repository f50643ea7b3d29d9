/**
 * Local stand-ins for the two places the server sends push notifications to, so integration tests can
 * watch deliveries without a browser or a vendor:
 * - a Web Push service (RFC 8030) that checks VAPID (RFC 8292) and decrypts (RFC 8291 / RFC 8188) the way a
 *   browser vendor's service and the browser would, so a delivery recorded here is one a browser would show;
 * - a push gateway speaking the Matrix push gateway request shape (the operator's relay to APNs/FCM).
 * Both record what arrived, can be scripted to fail or to hang, and let tests wait for events, never for time.
 * The parts live in ./push/; this file is what tests import.
 */
export type { ScriptedResponse } from './push/attempts';
export type { WaitOptions } from './push/event-log';
export type { GatewayDevice, GatewayNotification } from './push/gateway-notification';
export type { PushUrgency } from './push/push-message-headers';
export {
  PUSH_GATEWAY_NOTIFY_PATH,
  startPushGatewayReceiver,
  type GatewayAttempt,
  type GatewayDelivery,
  type PushGatewayReceiver,
} from './push/push-gateway-receiver';
export type { TlsIdentity } from './push/self-signed-certificate';
export type { VapidIdentity } from './push/vapid';
export { startWebPushService } from './push/web-push-service';
export type {
  CreateSubscriptionOptions,
  WebPushAttempt,
  WebPushAttemptOutcome,
  WebPushDelivery,
  WebPushService,
  WebPushTestSubscription,
} from './push/web-push-types';

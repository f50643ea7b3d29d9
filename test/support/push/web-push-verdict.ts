/** Judges a push message the way the push service and then the browser would, before anyone answers it. */
import type { IncomingMessage } from 'node:http';
import type { BrowserSubscription } from './browser-subscription';
import { singleHeader } from './local-http';
import { readPushHeaders } from './push-message-headers';
import { refusalOr, type Refusal } from './refusal';
import { verifyVapid } from './vapid';
import { decryptPushBody, parsePayload } from './web-push-decryption';
import type { WebPushDelivery } from './web-push-types';

export type AcceptedPush = Omit<WebPushDelivery, 'receivedAt'>;

export function judgePush(
  req: IncomingMessage,
  body: Buffer,
  subscription: BrowserSubscription,
  origin: string,
): AcceptedPush | Refusal {
  return refusalOr(() => {
    const vapid = verifyVapid(singleHeader(req, 'authorization'), origin, subscription.applicationServerKey);
    const headers = readPushHeaders(req);
    const payload = parsePayload(decryptPushBody(body, subscription));
    return { subscriptionEndpoint: subscription.endpoint, payload, ...headers, vapid };
  });
}

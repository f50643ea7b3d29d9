/**
 * A Web Push service (RFC 8030) on loopback that checks VAPID and decrypts the way a browser vendor's service and
 * the browser would, so a delivery recorded here is one a browser would show.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Agent as HttpsAgent, createServer as createHttpsServer } from 'node:https';
import type { ScriptedResponse } from './attempts';
import { newBrowserSubscription, publicSubscription, type BrowserSubscription } from './browser-subscription';
import { EventLog } from './event-log';
import { HeldRequests } from './held-requests';
import { answer, closeServer, guarded, listenLocally, readBody } from './local-http';
import { Refusal } from './refusal';
import { selfSignedCertificate, writeCaFile } from './self-signed-certificate';
import { judgePush, type AcceptedPush } from './web-push-verdict';
import type { WebPushAttempt, WebPushDelivery, WebPushService } from './web-push-types';

/** A real push service caps the body at 4096 octets (RFC 8030 §7.2); a larger one answers 413. */
const MAX_PUSH_BODY = 4096;

export async function startWebPushService(): Promise<WebPushService> {
  const tls = selfSignedCertificate('127.0.0.1');
  const subscriptions = new Map<string, BrowserSubscription>();
  const scripts = new Map<string, ScriptedResponse>();
  const deliveries = new EventLog<WebPushDelivery>('web push deliveries');
  const attempts = new EventLog<WebPushAttempt>('web push attempts');
  const held = new HeldRequests<string, WebPushAttempt>(attempts);
  let origin = '';

  const settle = (res: ServerResponse, verdict: AcceptedPush | Refusal, attempt: WebPushAttempt): void => {
    const script = scripts.get(attempt.subscriptionEndpoint);
    if (verdict instanceof Refusal) {
      Object.assign(attempt, { outcome: 'rejected', status: verdict.status, reason: verdict.message });
      answer(res, verdict.status, { reason: verdict.message });
    } else if (typeof script === 'number') {
      Object.assign(attempt, { outcome: 'scripted', status: script, payload: verdict.payload });
      answer(res, script, { reason: 'scripted by the test' });
    } else {
      Object.assign(attempt, { outcome: 'delivered', status: 201, payload: verdict.payload });
      deliveries.add({ ...verdict, receivedAt: attempt.receivedAt });
      answer(res, 201, undefined, { Location: `/message/${randomBytes(8).toString('base64url')}` });
    }
  };

  const refuseEarly = (res: ServerResponse, endpoint: string, status: number, reason: string): void => {
    attempts.add({
      subscriptionEndpoint: endpoint,
      outcome: 'rejected',
      status,
      reason,
      receivedAt: new Date(),
    });
    answer(res, status, { reason });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const id = /^\/push\/([A-Za-z0-9_-]+)$/.exec(req.url ?? '')?.[1];
    if (req.method !== 'POST' || !id) return answer(res, 404, { reason: 'not a push resource' });
    const endpoint = `${origin}/push/${id}`;
    const body = await readBody(req, MAX_PUSH_BODY);
    const subscription = subscriptions.get(endpoint);
    if (!subscription) return refuseEarly(res, endpoint, 404, 'no such subscription');
    if (body === 'too-large')
      return refuseEarly(res, endpoint, 413, `the body exceeds ${MAX_PUSH_BODY} octets`);
    const verdict = judgePush(req, body, subscription, origin);
    const attempt: WebPushAttempt = {
      subscriptionEndpoint: endpoint,
      outcome: 'held',
      status: null,
      // A held request's payload is known already: what a sender killed mid-request was sending.
      payload: verdict instanceof Refusal ? undefined : verdict.payload,
      receivedAt: new Date(),
    };
    held.admit({
      key: endpoint,
      res,
      attempt,
      hold: scripts.get(endpoint) === 'hold',
      settle: () => settle(res, verdict, attempt),
    });
  };

  const server = createHttpsServer({ key: tls.key, cert: tls.cert }, guarded(handle));
  const port = await listenLocally(server);
  origin = `https://127.0.0.1:${port}`;
  const caFile = writeCaFile(tls.cert);
  const agent = new HttpsAgent({ ca: tls.cert });

  return {
    origin,
    ca: tls.cert,
    caFile: caFile.path,
    agent,
    deliveries: deliveries.items,
    attempts: attempts.items,
    createSubscription(options = {}) {
      const subscription = newBrowserSubscription(origin, options);
      subscriptions.set(subscription.endpoint, subscription);
      if (options.respond !== undefined) scripts.set(subscription.endpoint, options.respond);
      return publicSubscription(subscription);
    },
    respondWith: (endpoint, status) => void scripts.set(endpoint, status),
    respondNormally: (endpoint) => void scripts.delete(endpoint),
    hold: (endpoint) => void scripts.set(endpoint, 'hold'),
    release(endpoint) {
      for (const [key, script] of scripts) {
        if (script === 'hold' && (endpoint === undefined || key === endpoint)) scripts.delete(key);
      }
      held.release((key) => endpoint === undefined || key === endpoint);
    },
    waitFor: (predicate, options) => deliveries.waitFor(predicate, options),
    waitForAttempt: (predicate, options) => attempts.waitFor(predicate, options),
    async close() {
      deliveries.closeWaits('the web push service closed');
      attempts.closeWaits('the web push service closed');
      agent.destroy();
      await closeServer(server);
      caFile.remove();
    },
  };
}

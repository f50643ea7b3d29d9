/**
 * The push receivers are only worth trusting if a real sender gets through them and a wrong one does not:
 * this drives the local Web Push service with the web-push library the server uses, and the gateway receiver
 * with plain fetch.
 */
import { request as httpsRequest } from 'node:https';
import * as webpush from 'web-push';
import {
  startPushGatewayReceiver,
  startWebPushService,
  type WebPushService,
  type WebPushTestSubscription,
  type PushGatewayReceiver,
} from './push-receivers';

const SUBJECT = 'mailto:ops@example.com';

function vapidOptions(keys: webpush.VapidKeys): webpush.RequestOptions {
  return { vapidDetails: { subject: SUBJECT, publicKey: keys.publicKey, privateKey: keys.privateKey } };
}

/** Sends and reports the push service's status, whether web-push resolves or rejects. */
async function statusOf(sending: Promise<webpush.SendResult>): Promise<number> {
  try {
    return (await sending).statusCode;
  } catch (error) {
    if (error instanceof webpush.WebPushError) return error.statusCode;
    throw error;
  }
}

/** A VAPID header signed by `signer` for `audience`, optionally claiming someone else's public key. */
function vapidHeader(audience: string, signer: webpush.VapidKeys, claimedKey = signer.publicKey): string {
  const { Authorization } = webpush.getVapidHeaders(
    audience,
    SUBJECT,
    signer.publicKey,
    signer.privateKey,
    'aes128gcm',
  );
  const token = /t=([^,]+)/.exec(Authorization)?.[1] ?? '';
  return `vapid t=${token}, k=${claimedKey}`;
}

describe('local Web Push service, driven by web-push 3.6.7', () => {
  let service: WebPushService;
  let keys: webpush.VapidKeys;

  beforeAll(async () => {
    service = await startWebPushService();
    keys = webpush.generateVAPIDKeys();
  });
  afterAll(() => service.close());

  /** Sends with the given VAPID Authorization instead of the one web-push would compute. */
  function sendWithAuthorization(subscription: WebPushTestSubscription, authorization: string) {
    return webpush.sendNotification(subscription, JSON.stringify({ forged: true }), {
      headers: { Authorization: authorization },
      TTL: 60,
      agent: service.agent,
    });
  }

  it('verifies, decrypts and records a notification with its TTL, urgency and topic', async () => {
    const subscription = service.createSubscription();

    const result = await webpush.sendNotification(subscription, JSON.stringify({ hello: 'world' }), {
      ...vapidOptions(keys),
      TTL: 60,
      urgency: 'high',
      topic: 'abc123',
      agent: service.agent,
    });

    expect(result.statusCode).toBe(201);
    const [delivery] = await service.waitFor((all) =>
      all.some((d) => d.subscriptionEndpoint === subscription.endpoint),
    );
    expect(delivery).toMatchObject({
      subscriptionEndpoint: subscription.endpoint,
      payload: { hello: 'world' },
      ttl: 60,
      urgency: 'high',
      topic: 'abc123',
      vapid: { publicKey: keys.publicKey, subject: SUBJECT },
    });
  });

  it('records the urgency web-push sends by default and no topic when none is given', async () => {
    const subscription = service.createSubscription();

    await webpush.sendNotification(subscription, JSON.stringify({ n: 2 }), {
      ...vapidOptions(keys),
      agent: service.agent,
    });

    const deliveries = await service.waitFor((all) =>
      all.some((d) => d.subscriptionEndpoint === subscription.endpoint),
    );
    expect(deliveries.find((d) => d.subscriptionEndpoint === subscription.endpoint)).toMatchObject({
      payload: { n: 2 },
      ttl: 2419200,
      urgency: 'normal',
      topic: null,
    });
  });

  it('refuses a JWT signed with another key that claims the sender key', async () => {
    const subscription = service.createSubscription();
    const impostor = webpush.generateVAPIDKeys();

    const status = await statusOf(
      sendWithAuthorization(subscription, vapidHeader(service.origin, impostor, keys.publicKey)),
    );

    expect([401, 403]).toContain(status);
    const attempts = await service.waitForAttempt((all) =>
      all.some((a) => a.subscriptionEndpoint === subscription.endpoint),
    );
    expect(attempts.find((a) => a.subscriptionEndpoint === subscription.endpoint)).toMatchObject({
      outcome: 'rejected',
      reason: expect.stringContaining('signature') as unknown,
    });
    expect(service.deliveries.some((d) => d.subscriptionEndpoint === subscription.endpoint)).toBe(false);
  });

  it('refuses a JWT whose aud is another push service', async () => {
    const subscription = service.createSubscription();

    const status = await statusOf(
      sendWithAuthorization(subscription, vapidHeader('https://fcm.googleapis.com', keys)),
    );

    expect([401, 403]).toContain(status);
    const attempts = await service.waitForAttempt((all) =>
      all.some((a) => a.subscriptionEndpoint === subscription.endpoint),
    );
    expect(attempts.find((a) => a.subscriptionEndpoint === subscription.endpoint)?.reason).toContain('aud');
  });

  it('answers 403 when the key is not the one the subscription was made with', async () => {
    const subscription = service.createSubscription({
      applicationServerKey: webpush.generateVAPIDKeys().publicKey,
    });

    const status = await statusOf(
      webpush.sendNotification(subscription, '{}', { ...vapidOptions(keys), agent: service.agent }),
    );

    expect(status).toBe(403);
  });

  it('refuses a Topic outside the base64url alphabet', async () => {
    const subscription = service.createSubscription();

    const status = await statusOf(
      webpush.sendNotification(subscription, '{}', {
        ...vapidOptions(keys),
        headers: { Topic: 'not a topic!' },
        agent: service.agent,
      }),
    );

    expect(status).toBe(400);
  });

  it('refuses a payload encrypted for another browser', async () => {
    const subscription = service.createSubscription();
    const other = service.createSubscription();
    const misaddressed = { endpoint: subscription.endpoint, keys: other.keys };

    const status = await statusOf(
      webpush.sendNotification(misaddressed, '{}', { ...vapidOptions(keys), agent: service.agent }),
    );

    expect(status).toBe(400);
  });

  it('answers a scripted 410, which web-push reports as a WebPushError', async () => {
    const subscription = service.createSubscription();
    service.respondWith(subscription.endpoint, 410);

    const sending = webpush.sendNotification(subscription, JSON.stringify({ gone: true }), {
      ...vapidOptions(keys),
      agent: service.agent,
    });

    await expect(sending).rejects.toMatchObject({ statusCode: 410 });
    const attempts = await service.waitForAttempt((all) =>
      all.some((a) => a.subscriptionEndpoint === subscription.endpoint),
    );
    expect(attempts.find((a) => a.subscriptionEndpoint === subscription.endpoint)).toMatchObject({
      outcome: 'scripted',
      status: 410,
      payload: { gone: true },
    });
    expect(service.deliveries.some((d) => d.subscriptionEndpoint === subscription.endpoint)).toBe(false);
  });

  it('holds a request until release(), then delivers it', async () => {
    const subscription = service.createSubscription({ respond: 'hold' });

    const sending = webpush.sendNotification(subscription, JSON.stringify({ held: true }), {
      ...vapidOptions(keys),
      agent: service.agent,
    });
    await service.waitForAttempt((all) =>
      all.some((a) => a.subscriptionEndpoint === subscription.endpoint && a.outcome === 'held'),
    );
    expect(service.deliveries.some((d) => d.subscriptionEndpoint === subscription.endpoint)).toBe(false);
    service.release(subscription.endpoint);

    await expect(sending).resolves.toMatchObject({ statusCode: 201 });
    await service.waitFor((all) => all.some((d) => d.subscriptionEndpoint === subscription.endpoint));
  });

  it('marks a held request abandoned when its sender goes away', async () => {
    const subscription = service.createSubscription({ respond: 'hold' });
    const details = webpush.generateRequestDetails(subscription, '{}', vapidOptions(keys));
    const url = new URL(subscription.endpoint);
    const req = httpsRequest({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: details.headers,
      ca: service.ca,
    });
    req.on('error', () => undefined); // destroyed on purpose below
    req.end(details.body);

    await service.waitForAttempt((all) =>
      all.some((a) => a.subscriptionEndpoint === subscription.endpoint && a.outcome === 'held'),
    );
    req.destroy();

    await service.waitForAttempt((all) =>
      all.some((a) => a.subscriptionEndpoint === subscription.endpoint && a.outcome === 'abandoned'),
    );
    service.release();
    expect(service.deliveries.some((d) => d.subscriptionEndpoint === subscription.endpoint)).toBe(false);
  });

  it('rejects a wait that times out, listing what arrived', async () => {
    await expect(service.waitFor(() => false, { timeoutMs: 50 })).rejects.toThrow(
      /timed out after 50 ms; \d+ arrived/,
    );
  });
});

describe('local push gateway receiver', () => {
  const secret = 'gateway-test-secret';
  let gateway: PushGatewayReceiver;

  beforeAll(async () => {
    gateway = await startPushGatewayReceiver({ secret });
  });
  afterAll(() => gateway.close());

  function notify(pushkey: string, authorization = `Bearer ${secret}`): Promise<Response> {
    return fetch(gateway.url, {
      method: 'POST',
      headers: { Authorization: authorization, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        notification: {
          event_id: `$event-${pushkey}`,
          room_id: '!room:example',
          type: 'm.room.message',
          sender: '@alice:example',
          counts: { unread: 1 },
          prio: 'high',
          devices: [{ app_id: 'com.example.chat.ios', pushkey, pushkey_ts: 1 }],
        },
      }),
    });
  }

  it('records a notification sent with the right secret', async () => {
    const response = await notify('token-1');

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ rejected: [] });
    const deliveries = await gateway.waitFor((all) =>
      all.some((d) => d.notification.devices[0].pushkey === 'token-1'),
    );
    expect(
      deliveries.find((d) => d.notification.devices[0].pushkey === 'token-1')?.notification,
    ).toMatchObject({
      event_id: '$event-token-1',
      room_id: '!room:example',
      counts: { unread: 1 },
      prio: 'high',
    });
  });

  it('answers 401 to a wrong secret and records nothing', async () => {
    const response = await notify('token-2', 'Bearer wrong');

    expect(response.status).toBe(401);
    expect(gateway.deliveries.some((d) => d.notification.devices[0].pushkey === 'token-2')).toBe(false);
  });

  it('lists a rejected pushkey in the answer', async () => {
    gateway.reject('token-3');

    const response = await notify('token-3');

    expect(await response.json()).toEqual({ rejected: ['token-3'] });
  });

  it('answers a scripted status to every notification', async () => {
    gateway.respondWith(503);
    const response = await notify('token-4');
    gateway.respondNormally();

    expect(response.status).toBe(503);
    expect((await notify('token-4')).status).toBe(200);
  });

  it('holds notifications until release()', async () => {
    gateway.hold();
    const sending = notify('token-5');
    await gateway.waitForAttempt((all) => all.some((a) => a.outcome === 'held'));
    gateway.release();

    expect((await sending).status).toBe(200);
    await gateway.waitFor((all) => all.some((d) => d.notification.devices[0].pushkey === 'token-5'));
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  Message,
  PushConfig,
  PushNotificationPayload,
  PushSubscriptionView,
  Room,
  Session,
} from '@chat/contracts';
import type { ManagedProcess } from '@chat/local-cluster';
import type { HttpClient } from '@chat/testing';
import {
  startPushGatewayReceiver,
  startWebPushService,
  type PushGatewayReceiver,
  type WebPushService,
  type WebPushTestSubscription,
} from '../support/push-receivers';
import { connectSocket, eventually, request, type ChatClient } from '../support/sockets';
import { standaloneProcess } from '../support/standalone-process';
import { loginUser, registerUser, uniqueName } from '../support/users';

const GATEWAY_SECRET = 'gateway-secret-for-tests-0123456789';

/**
 * PROTOCOL.md 1.1 "Push notifications", end to end: the built standalone server delivers to a local Web
 * Push service (which checks the VAPID JWT and decrypts the RFC 8291 payload) and to a local push gateway.
 */
describe('push notifications (standalone, Web Push and the push gateway)', () => {
  let pushService: WebPushService;
  let gateway: PushGatewayReceiver;
  let dataDir: string;
  let server: ManagedProcess;
  let http: HttpClient;
  let alice: Session;
  const sockets: ChatClient[] = [];

  beforeAll(async () => {
    pushService = await startWebPushService();
    gateway = await startPushGatewayReceiver({ secret: GATEWAY_SECRET });
    dataDir = mkdtempSync(join(tmpdir(), 'chat-push-'));
    ({ server, http } = await standaloneProcess(dataDir, {
      // The local push service's certificate, as the machine's trust store would hold a real one's.
      NODE_EXTRA_CA_CERTS: pushService.caFile,
      WEB_PUSH_ENDPOINT_HOSTS: '127.0.0.1',
      WEB_PUSH_SUBJECT: 'mailto:ops@example.com',
      PUSH_GATEWAY_URL: gateway.url,
      PUSH_GATEWAY_SECRET: GATEWAY_SECRET,
      NOTIFY_COALESCE_MS: '1500',
      NOTIFY_POLL_MS: '50',
      // A held request's lease lapses this long after the kill (request deadline + 5 s).
      PUSH_REQUEST_TIMEOUT_MS: '3000',
      RATE_LIMIT_SEND_POINTS: '1000',
    }));
    await server.start();
    alice = await registerUser(http, uniqueName('alice'));
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.stop('SIGKILL');
    await pushService?.close();
    await gateway?.close();
    if (dataDir && !process.env.KEEP_TEST_DATA) rmSync(dataDir, { recursive: true, force: true });
  });

  const as = (session: Session) => http.withToken(session.accessToken);

  async function subscribeBrowser(session: Session): Promise<WebPushTestSubscription & { id: string }> {
    const subscription = pushService.createSubscription();
    const added = await as(session).post<PushSubscriptionView>('/api/push/subscriptions', {
      kind: 'webpush',
      ...subscription,
      expirationTime: null,
    });
    if (added.status !== 201) throw new Error(`subscribe: ${added.status} ${JSON.stringify(added.body)}`);
    return { ...subscription, id: added.body.id };
  }

  async function subscribeApp(session: Session): Promise<{ pushkey: string; id: string }> {
    const pushkey = uniqueName('apns-token').replace(/[^A-Za-z0-9]/g, '');
    const added = await as(session).post<PushSubscriptionView>('/api/push/subscriptions', {
      kind: 'gateway',
      appId: 'com.example.chat.ios',
      pushkey,
    });
    if (added.status !== 201) throw new Error(`subscribe: ${added.status} ${JSON.stringify(added.body)}`);
    return { pushkey, id: added.body.id };
  }

  async function socketOf(session: Session): Promise<ChatClient> {
    const socket = await connectSocket(http.baseUrl, session.accessToken);
    sockets.push(socket);
    return socket;
  }

  async function directRoom(from: Session, to: Session): Promise<Room> {
    return (await as(from).post<Room>('/api/dm', { userId: to.user.id })).body;
  }

  async function send(socket: ChatClient, roomId: string, body: string): Promise<Message> {
    const clientMsgId = uniqueName('m').replace(/[^A-Za-z0-9_-]/g, '');
    const sent = await request(socket, 'message:send', { roomId, clientMsgId, body });
    if (!sent.ok) throw new Error(`send refused: ${JSON.stringify(sent.error)}`);
    return sent.data.message;
  }

  async function joined(session: Session, roomId: string): Promise<ChatClient> {
    const socket = await socketOf(session);
    expect((await request(socket, 'room:join', { roomId })).ok).toBe(true);
    return socket;
  }

  const payloadsTo = (endpoint: string) =>
    pushService.deliveries
      .filter((delivery) => delivery.subscriptionEndpoint === endpoint)
      .map((delivery) => delivery.payload as PushNotificationPayload);

  const waitForPayloads = async (
    endpoint: string,
    enough: (payloads: PushNotificationPayload[]) => boolean,
    timeoutMs = 15_000,
  ) => {
    await pushService.waitFor(() => enough(payloadsTo(endpoint)), { timeoutMs });
    return payloadsTo(endpoint);
  };

  it('serves the VAPID public key and validates every subscription', async () => {
    const config = (await http.get<PushConfig>('/api/push/config')).body;
    expect(config).toEqual({
      webPush: { publicKey: expect.stringMatching(/^[A-Za-z0-9_-]{87}$/) },
      gateway: true,
    });

    const good = pushService.createSubscription();
    const refused = [
      { kind: 'webpush', endpoint: 'https://evil.example.com/push/1', keys: good.keys },
      { kind: 'webpush', endpoint: good.endpoint.replace('https:', 'http:'), keys: good.keys },
      { kind: 'webpush', endpoint: good.endpoint, keys: { p256dh: 'A'.repeat(87), auth: good.keys.auth } },
      { kind: 'webpush', endpoint: good.endpoint, keys: { p256dh: good.keys.p256dh, auth: 'short' } },
      { kind: 'webpush', endpoint: good.endpoint },
      { kind: 'webpush', endpoint: `${good.endpoint}?${'x'.repeat(2100)}`, keys: good.keys },
      { kind: 'gateway', appId: 'bad app id', pushkey: 'token' },
      { kind: 'gateway', appId: 'com.example', pushkey: 'has space' },
      { kind: 'gateway', appId: 'com.example', pushkey: 'x'.repeat(513) },
      { kind: 'apns', pushkey: 'token' },
      { kind: 'gateway', appId: 'com.example', pushkey: 'token', extra: true },
    ];
    for (const body of refused) {
      const answer = await as(alice).post('/api/push/subscriptions', body);
      expect({
        body,
        status: answer.status,
        code: (answer.body as { error?: { code: string } }).error?.code,
      }).toEqual({
        body,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    expect((await http.post('/api/push/subscriptions', { kind: 'webpush', ...good })).status).toBe(401);
  });

  it('keeps one subscription per device, at most 20 per user, each removable only by its owner', async () => {
    const user = await registerUser(http, uniqueName('devices'));
    const other = await registerUser(http, uniqueName('other'));
    const first = await subscribeBrowser(user);
    // The same browser again: the same subscription, not a second one.
    const again = await as(user).post<PushSubscriptionView>('/api/push/subscriptions', {
      kind: 'webpush',
      endpoint: first.endpoint,
      keys: first.keys,
    });
    expect(again.body.id).toBe(first.id);
    for (let n = 1; n < 20; n++) await subscribeApp(user);
    const listed = (await as(user).get<{ items: PushSubscriptionView[] }>('/api/push/subscriptions')).body
      .items;
    expect(listed).toHaveLength(20);
    expect(listed[0]).toEqual({
      id: first.id,
      kind: 'webpush',
      endpointOrigin: pushService.origin,
      createdAt: expect.any(String),
    });
    const over = await as(user).post('/api/push/subscriptions', {
      kind: 'gateway',
      appId: 'a.b',
      pushkey: 'one-more',
    });
    expect(over).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT' } } });

    expect((await as(other).send('DELETE', `/api/push/subscriptions/${first.id}`)).status).toBe(404);
    expect((await as(user).send('DELETE', `/api/push/subscriptions/${first.id}`)).status).toBe(204);
    expect((await as(user).send('DELETE', `/api/push/subscriptions/${first.id}`)).status).toBe(404);
    expect((await as(user).send('DELETE', '/api/push/subscriptions/not-an-id')).status).toBe(400);
  });

  it('notifies each device of an offline user exactly once for a direct message', async () => {
    const bob = await registerUser(http, uniqueName('bob'));
    const browser = await subscribeBrowser(bob);
    const phone = await subscribeApp(bob);
    const dm = await directRoom(alice, bob);
    const aliceSocket = await joined(alice, dm.id);

    const first = await send(aliceSocket, dm.id, 'are you there?');
    const [notified] = await waitForPayloads(browser.endpoint, (p) => p.length >= 1);
    expect(notified).toEqual({
      v: 1,
      id: `${first.id}:${browser.id}`,
      roomId: dm.id,
      roomName: null,
      messageId: first.id,
      seq: first.seq,
      senderId: alice.user.id,
      senderName: alice.user.username,
      count: 1,
      reason: 'direct',
      preview: 'are you there?',
    });
    const delivery = pushService.deliveries.find((d) => d.subscriptionEndpoint === browser.endpoint)!;
    expect(delivery).toMatchObject({
      urgency: 'high',
      ttl: 86_400,
      vapid: { subject: 'mailto:ops@example.com' },
    });
    expect(delivery.topic).toMatch(/^[A-Za-z0-9_-]{32}$/);

    await gateway.waitFor((all) => all.some((d) => d.notification.event_id === first.id));
    const toPhone = gateway.deliveries.filter((d) => d.notification.devices[0].pushkey === phone.pushkey);
    expect(toPhone).toHaveLength(1);
    expect(toPhone[0].notification).toMatchObject({
      id: `${first.id}:${phone.id}`,
      event_id: first.id,
      room_id: dm.id,
      sender: alice.user.id,
      counts: { unread: 1 },
      devices: [
        {
          app_id: 'com.example.chat.ios',
          pushkey: phone.pushkey,
          data: { idempotency_key: `${first.id}:${phone.id}` },
        },
      ],
    });

    // A later message (its own window): still one notification per message per device, none repeated.
    const second = await send(aliceSocket, dm.id, 'ping');
    const payloads = await waitForPayloads(browser.endpoint, (p) => p.some((n) => n.messageId === second.id));
    expect(payloads.map((p) => p.messageId)).toEqual([first.id, second.id]);
    await gateway.waitFor((all) => all.some((d) => d.notification.event_id === second.id));
    expect(
      gateway.deliveries
        .filter((d) => d.notification.devices[0].pushkey === phone.pushkey)
        .map((d) => d.notification.event_id),
    ).toEqual([first.id, second.id]);
  });

  it('notifies a mention in a room on `mentions`, and not the messages that mention nobody', async () => {
    const carol = await registerUser(http, uniqueName('carol'));
    const browser = await subscribeBrowser(carol);
    const room = (await as(alice).post<Room>('/api/rooms', { name: 'Team', visibility: 'public' })).body;
    await as(carol).post(`/api/rooms/${room.id}/join`);
    const aliceSocket = await joined(alice, room.id);

    await send(aliceSocket, room.id, 'hello everyone');
    const mention = await send(aliceSocket, room.id, `@${carol.user.username} can you look?`);
    const [notified] = await waitForPayloads(browser.endpoint, (p) => p.length >= 1);
    // One message counted: the first one never entered the outbox (else they would have merged).
    expect(notified).toMatchObject({ messageId: mention.id, count: 1, reason: 'mention', roomName: 'Team' });
  });

  it("follows each member's level: all hears everything, none nothing, and @room reaches mentions", async () => {
    const [ivy, jon, kim] = await Promise.all(
      ['ivy', 'jon', 'kim'].map((n) => registerUser(http, uniqueName(n))),
    );
    const [ivyDevice, jonDevice, kimDevice] = await Promise.all([ivy, jon, kim].map(subscribeBrowser));
    const room = (await as(alice).post<Room>('/api/rooms', { name: 'Levels', visibility: 'public' })).body;
    for (const member of [ivy, jon, kim]) await as(member).post(`/api/rooms/${room.id}/join`);
    await as(ivy).send('PUT', `/api/rooms/${room.id}/notifications`, { level: 'all' });
    await as(jon).send('PUT', `/api/rooms/${room.id}/notifications`, { level: 'none' });
    const aliceSocket = await joined(alice, room.id);

    await send(aliceSocket, room.id, 'a plain message');
    await send(aliceSocket, room.id, `@${jon.user.username} @${kim.user.username} please look`);
    const everyone = await send(aliceSocket, room.id, '@room meeting now');
    const total = (payloads: PushNotificationPayload[]) => payloads.reduce((sum, p) => sum + p.count, 0);
    const ivys = await waitForPayloads(ivyDevice.endpoint, (p) => total(p) >= 3);
    const kims = await waitForPayloads(kimDevice.endpoint, (p) => total(p) >= 2);
    expect(total(ivys)).toBe(3);
    expect(ivys.at(-1)).toMatchObject({ messageId: everyone.id });
    // Kim (on the default `mentions`) hears the mention and @room, not the plain message.
    expect(total(kims)).toBe(2);
    expect(kims[0]).toMatchObject({ reason: 'mention' });
    expect(payloadsTo(jonDevice.endpoint)).toEqual([]);
  });

  it('does not notify a user who has a socket in the room, and does once they left it', async () => {
    const dave = await registerUser(http, uniqueName('dave'));
    const browser = await subscribeBrowser(dave);
    const dm = await directRoom(alice, dave);
    const aliceSocket = await joined(alice, dm.id);
    const daveSocket = await joined(dave, dm.id);

    const seen = await send(aliceSocket, dm.id, 'you are looking at this');
    expect((await request(daveSocket, 'room:leave', { roomId: dm.id })).ok).toBe(true);
    const unseen = await send(aliceSocket, dm.id, 'and this you missed');
    const payloads = await waitForPayloads(browser.endpoint, (p) => p.length >= 1);
    expect(payloads).toHaveLength(1);
    expect(payloads[0]).toMatchObject({ messageId: unseen.id, count: 1 });
    expect(payloads.some((p) => p.messageId === seen.id)).toBe(false);
  });

  it('coalesces a burst of 20 messages into one notification with the count', async () => {
    const erin = await registerUser(http, uniqueName('erin'));
    const browser = await subscribeBrowser(erin);
    const dm = await directRoom(alice, erin);
    const aliceSocket = await joined(alice, dm.id);

    const sent = await Promise.all(
      Array.from({ length: 20 }, (_, n) => send(aliceSocket, dm.id, `burst ${n}`)),
    );
    const last = sent.reduce((a, b) => (a.seq > b.seq ? a : b));
    const payloads = await waitForPayloads(
      browser.endpoint,
      (p) => p.reduce((sum, n) => sum + n.count, 0) >= 20,
    );
    expect(payloads.reduce((sum, n) => sum + n.count, 0)).toBe(20);
    // One window holds the burst; a slow machine may split it once.
    expect(payloads.length).toBeLessThanOrEqual(2);
    expect(payloads.at(-1)).toMatchObject({ messageId: last.id, seq: last.seq });
  });

  it('removes a subscription the push service reports gone (410), and a device the gateway rejects', async () => {
    const frank = await registerUser(http, uniqueName('frank'));
    const browser = await subscribeBrowser(frank);
    const phone = await subscribeApp(frank);
    pushService.respondWith(browser.endpoint, 410);
    gateway.reject(phone.pushkey);
    const dm = await directRoom(alice, frank);
    await send(await joined(alice, dm.id), dm.id, 'anyone?');

    await pushService.waitForAttempt((all) =>
      all.some((a) => a.subscriptionEndpoint === browser.endpoint && a.status === 410),
    );
    await gateway.waitFor((all) => all.some((d) => d.rejected.includes(phone.pushkey)));
    await eventually(async () => {
      const listed = await as(frank).get<{ items: PushSubscriptionView[] }>('/api/push/subscriptions');
      return listed.body.items.length === 0;
    }, 10_000);
  });

  it('retries a delivery the push service failed (5xx) with backoff, under the same key', async () => {
    const lena = await registerUser(http, uniqueName('lena'));
    const browser = await subscribeBrowser(lena);
    pushService.respondWith(browser.endpoint, 503);
    const dm = await directRoom(alice, lena);
    const message = await send(await joined(alice, dm.id), dm.id, 'second time lucky');

    await pushService.waitForAttempt((all) =>
      all.some((a) => a.subscriptionEndpoint === browser.endpoint && a.status === 503),
    );
    pushService.respondNormally(browser.endpoint);
    // The first retry comes 2.5-5 s later.
    const payloads = await waitForPayloads(browser.endpoint, (p) => p.length >= 1, 20_000);
    expect(payloads).toEqual([expect.objectContaining({ id: `${message.id}:${browser.id}`, count: 1 })]);
  }, 30_000);

  it('stops notifying a device whose session signed out, and forgets it', async () => {
    const hank = await registerUser(http, uniqueName('hank'));
    const laptop = await subscribeBrowser(hank);
    const onPhone = await loginUser(http, hank.user.username);
    const phone = await subscribeApp(onPhone);
    const loggedOut = await as(hank).post('/api/auth/logout', { refreshToken: hank.refreshToken });
    expect(loggedOut.status).toBe(204);

    const dm = await directRoom(alice, hank);
    const message = await send(await joined(alice, dm.id), dm.id, 'for the phone only');
    await gateway.waitFor((all) =>
      all.some(
        (d) => d.notification.event_id === message.id && d.notification.devices[0].pushkey === phone.pushkey,
      ),
    );
    await eventually(async () => {
      const listed = await as(onPhone).get<{ items: PushSubscriptionView[] }>('/api/push/subscriptions');
      return listed.body.items.map((item) => item.id).join() === phone.id;
    }, 10_000);
    expect(payloadsTo(laptop.endpoint)).toEqual([]);
  });

  it('counts what it queued, sent, skipped and removed in /metrics', async () => {
    const text = await (await fetch(`${http.baseUrl}/metrics`)).text();
    const value = (series: string) =>
      Number(new RegExp(`^${series.replace(/[{}]/g, '\\$&')} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
    expect(value('chat_push_notifications_queued_total')).toBeGreaterThan(0);
    expect(value('chat_push_notifications_sent_total{provider="webpush"}')).toBeGreaterThan(0);
    expect(value('chat_push_notifications_sent_total{provider="gateway"}')).toBeGreaterThan(0);
    expect(value('chat_push_notifications_skipped_total{reason="viewing"}')).toBeGreaterThan(0);
    expect(value('chat_push_subscriptions_removed_total{provider="webpush"}')).toBeGreaterThan(0);
    expect(value('chat_push_notifications_failed_total{provider="webpush",outcome="retry"}')).toBeGreaterThan(
      0,
    );
    expect(text).toMatch(/^chat_push_delivery_seconds_count\{provider="webpush"\} [1-9]/m);
  });

  it('loses no notification when the delivering process is killed mid-delivery (SIGKILL)', async () => {
    const gina = await registerUser(http, uniqueName('gina'));
    const browser = await subscribeBrowser(gina);
    pushService.hold(browser.endpoint);
    const dm = await directRoom(alice, gina);
    const message = await send(await joined(alice, dm.id), dm.id, 'before the crash');

    const [held] = await pushService.waitForAttempt((all) =>
      all.some((a) => a.subscriptionEndpoint === browser.endpoint && a.outcome === 'held'),
    );
    await server.stop('SIGKILL');
    pushService.respondNormally(browser.endpoint);
    await server.start();

    const payloads = await waitForPayloads(browser.endpoint, (p) => p.length >= 1, 30_000);
    const heldPayload = pushService.attempts.find(
      (a) => a.subscriptionEndpoint === browser.endpoint && a.outcome !== 'delivered',
    )?.payload as PushNotificationPayload | undefined;
    expect(held).toBeDefined();
    expect(payloads[0]).toMatchObject({ id: `${message.id}:${browser.id}`, messageId: message.id });
    expect(heldPayload?.id).toBe(payloads[0].id);
    // A receiver deduping on the key sees it exactly once.
    expect(new Set(payloads.map((p) => p.id)).size).toBe(1);
  }, 60_000);
});

import type { Message, PushNotificationPayload, PushSubscriptionView, Room } from '@chat/contracts';
import type { ManagedProcess } from '@chat/local-cluster';
import * as webpush from 'web-push';
import { startChatStack, type Actor, type ChatStack } from '../support/chat-stack';
import { startGatewayProcess } from '../support/gateway-processes';
import { startWebPushService, type WebPushService } from '../support/push-receivers';
import { closeAllSockets, connectSocket, ok, type ChatClient } from '../support/sockets';
import { uniqueName } from '../support/users';

const DB = 'push_cluster';

/**
 * Notifications with two gateway replicas on MongoDB and Redis: subscriptions taken by the rooms service,
 * delivered by whichever gateway leases the work, and "looking at the room" judged across replicas.
 */
describe('push notifications across gateway replicas', () => {
  let pushService: WebPushService;
  let stack: ChatStack;
  let gateways: { process: ManagedProcess; url: string }[];

  beforeAll(async () => {
    pushService = await startWebPushService();
    const vapid = webpush.generateVAPIDKeys();
    const shared = { WEB_PUSH_VAPID_PUBLIC_KEY: vapid.publicKey, WEB_PUSH_ENDPOINT_HOSTS: '127.0.0.1' };
    stack = await startChatStack(DB, uniqueName('operator'), shared);
    gateways = await Promise.all(
      [1, 2].map((index) =>
        startGatewayProcess(`push-${index}`, DB, stack.auth.url, {
          ...shared,
          WEB_PUSH_VAPID_PRIVATE_KEY: vapid.privateKey,
          NODE_EXTRA_CA_CERTS: pushService.caFile,
          NOTIFY_POLL_MS: '50',
          NOTIFY_COALESCE_MS: '300',
        }),
      ),
    );
  });
  afterAll(async () => {
    closeAllSockets();
    await Promise.all((gateways ?? []).map((gateway) => gateway.process.stop('SIGKILL')));
    await stack?.close();
    await pushService?.close();
  });

  const payloadsTo = (endpoint: string) =>
    pushService.deliveries
      .filter((delivery) => delivery.subscriptionEndpoint === endpoint)
      .map((delivery) => delivery.payload as PushNotificationPayload);

  async function subscribe(actor: Actor): Promise<string> {
    const subscription = pushService.createSubscription();
    const added = await actor.rooms.post<PushSubscriptionView>('/api/push/subscriptions', {
      kind: 'webpush',
      ...subscription,
    });
    expect(added.status).toBe(201);
    return subscription.endpoint;
  }

  const send = async (socket: ChatClient, roomId: string, body: string): Promise<Message> =>
    (await ok(socket, 'message:send', { roomId, clientMsgId: uniqueName('m').replace(/\W/g, ''), body }))
      .message;

  it('skips a member looking at the room through another replica, and notifies once when they are not', async () => {
    const [alice, bob] = [await stack.actor(), await stack.actor()];
    const endpoint = await subscribe(bob);
    const dm = (await alice.rooms.post<Room>('/api/dm', { userId: bob.id })).body;
    const aliceSocket = await connectSocket(gateways[0].url, alice.session.accessToken);
    const bobSocket = await connectSocket(gateways[1].url, bob.session.accessToken);
    await ok(aliceSocket, 'room:join', { roomId: dm.id });
    await ok(bobSocket, 'room:join', { roomId: dm.id });

    const seen = await send(aliceSocket, dm.id, 'bob is reading this on gateway 2');
    await ok(bobSocket, 'room:leave', { roomId: dm.id });
    const missed = await send(aliceSocket, dm.id, 'and missed this');
    await pushService.waitFor(() => payloadsTo(endpoint).length >= 1);
    const later = await send(aliceSocket, dm.id, 'and this, in a later window');
    await pushService.waitFor(() => payloadsTo(endpoint).some((p) => p.messageId === later.id));

    const payloads = payloadsTo(endpoint);
    // Each message derived once although both replicas run the workers; the one seen live never.
    expect(payloads.map((p) => [p.messageId, p.count])).toEqual([
      [missed.id, 1],
      [later.id, 1],
    ]);
    expect(payloads.some((p) => p.messageId === seen.id)).toBe(false);
  });
});

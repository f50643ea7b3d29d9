import type { Message, PresenceEntry, Room } from '@chat/contracts';
import type { ManagedProcess } from '@chat/local-cluster';
import { startLocalRedisCluster, type LocalRedisCluster } from '@chat/testing';
import { startAuthApp, type RunningApp } from '../support/auth-app.harness';
import { startGatewayProcess } from '../support/gateway-processes';
import { startRoomsApp } from '../support/rooms-app.harness';
import { closeAllSockets, connectSocket, nextEvent, eventually, ok, request } from '../support/sockets';
import { registerUser } from '../support/users';

const DB = 'gateway_redis_cluster';
const SEND_POINTS = 10;

/**
 * REDIS_CLUSTER_NODES: auth, rooms and two gateways on a real three-primary Redis Cluster, with the sharded
 * adapter and rooms' live events relayed on the bus. Nothing here uses the suite's single Redis.
 */
describe('services on a Redis Cluster', () => {
  let cluster: LocalRedisCluster;
  let auth: RunningApp;
  let rooms: RunningApp;
  let gateways: { process: ManagedProcess; url: string }[] = [];

  const clusterEnv = () => ({
    REDIS_URL: `redis://${cluster.nodes[0]}`,
    REDIS_CLUSTER_NODES: cluster.nodes.join(','),
    SOCKET_ADAPTER: 'sharded',
  });
  const gatewayEnv = () => ({
    ...clusterEnv(),
    RATE_LIMIT_SEND_POINTS: String(SEND_POINTS),
    RATE_LIMIT_SOCKET_WINDOW_SECONDS: '60',
    PRESENCE_LEASE_MS: '4000',
    PRESENCE_HEARTBEAT_MS: '500',
    PRESENCE_SWEEP_MS: '200',
  });

  beforeAll(async () => {
    cluster = await startLocalRedisCluster(3);
    const { REDIS_URL, REDIS_CLUSTER_NODES } = clusterEnv();
    auth = await startAuthApp(DB, { REDIS_URL, REDIS_CLUSTER_NODES, RATE_LIMIT_REGISTER_PER_MINUTE: '1000' });
    rooms = await startRoomsApp(DB, auth.url, clusterEnv());
    gateways = await Promise.all(
      [1, 2].map((index) => startGatewayProcess(`cluster-${index}`, DB, auth.url, gatewayEnv())),
    );
  }, 60_000);

  afterAll(async () => {
    closeAllSockets();
    await Promise.all(gateways.map((gateway) => gateway.process.stop('SIGKILL')));
    await rooms?.close();
    await auth?.close();
    await cluster?.stop();
  });

  const actor = async () => {
    const session = await registerUser(auth.http);
    return { session, id: session.user.id, rooms: rooms.http.withToken(session.accessToken) };
  };
  type Actor = Awaited<ReturnType<typeof actor>>;

  async function roomOf(owner: Actor, members: Actor[]): Promise<Room> {
    const room = (await owner.rooms.post<Room>('/api/rooms', { name: 'cluster', visibility: 'private' }))
      .body;
    for (const member of members)
      await owner.rooms.post(`/api/rooms/${room.id}/members`, { userId: member.id });
    return room;
  }

  it('carries a message from gateway A to a member on gateway B, and rooms events to live sockets', async () => {
    const [alice, bob] = [await actor(), await actor()];
    const [aliceSocket, bobSocket] = [
      await connectSocket(gateways[0].url, alice.session.accessToken),
      await connectSocket(gateways[1].url, bob.session.accessToken),
    ];
    const invited = nextEvent(bobSocket, 'room:invited');
    const room = await roomOf(alice, [bob]);
    expect((await invited).id).toBe(room.id);

    await ok(aliceSocket, 'room:join', { roomId: room.id });
    await ok(bobSocket, 'room:join', { roomId: room.id });
    const received: Message[] = [];
    bobSocket.on('message:new', (message) => received.push(message));
    const send = { roomId: room.id, clientMsgId: 'cluster-0001', body: 'across the cluster' };
    const { message } = await ok(aliceSocket, 'message:send', send);
    await eventually(() => received.length === 1, 3000);
    expect(received[0]).toEqual(message);
    // The retry is answered from the idempotency cache with the same message.
    expect((await ok(aliceSocket, 'message:send', send)).message).toEqual(message);
  });

  it('announces online and offline across gateways, and claims the users of a gateway that died', async () => {
    const [alice, dave, erin] = [await actor(), await actor(), await actor()];
    const room = await roomOf(alice, [dave, erin]);
    const watcher = await connectSocket(gateways[0].url, alice.session.accessToken);
    await ok(watcher, 'room:join', { roomId: room.id });
    const seen: PresenceEntry[] = [];
    watcher.on('presence', (entry) => seen.push(entry));
    const saw = (userId: string, status: string) => () =>
      seen.some((entry) => entry.userId === userId && entry.status === status);

    const daveSocket = await connectSocket(gateways[1].url, dave.session.accessToken);
    await eventually(saw(dave.id, 'online'), 10_000);
    expect((await ok(watcher, 'presence:get', { userIds: [dave.id, erin.id] })).items).toEqual([
      { userId: dave.id, status: 'online', lastSeenAt: expect.any(String) },
      { userId: erin.id, status: 'offline', lastSeenAt: null },
    ]);
    daveSocket.close();
    await eventually(saw(dave.id, 'offline'), 10_000);

    // A gateway killed without a goodbye: its users' leases lapse and a survivor's sweep announces them.
    const doomed = await startGatewayProcess('cluster-doomed', DB, auth.url, gatewayEnv());
    await connectSocket(doomed.url, erin.session.accessToken);
    await eventually(saw(erin.id, 'online'), 10_000);
    await doomed.process.stop('SIGKILL');
    await eventually(saw(erin.id, 'offline'), 20_000);
    expect((await ok(watcher, 'presence:get', { userIds: [erin.id] })).items).toEqual([
      { userId: erin.id, status: 'offline', lastSeenAt: expect.any(String) },
    ]);
  }, 60_000);

  it('holds one send limit per user across both gateways', async () => {
    const flooder = await actor();
    const room = await roomOf(flooder, []);
    const sockets = [
      await connectSocket(gateways[0].url, flooder.session.accessToken),
      await connectSocket(gateways[1].url, flooder.session.accessToken),
    ];
    for (const socket of sockets) await ok(socket, 'room:join', { roomId: room.id });
    const answers = await Promise.all(
      Array.from({ length: SEND_POINTS + 6 }, (_, index) =>
        request(sockets[index % 2], 'message:send', {
          roomId: room.id,
          clientMsgId: `cluster-flood-${index}`,
          body: 'spam',
        }),
      ),
    );
    // Each gateway's own fallback limiter would let SEND_POINTS through on each: the shared count lets
    // SEND_POINTS through in all.
    expect(answers.filter((answer) => answer.ok)).toHaveLength(SEND_POINTS);
    expect(answers.filter((answer) => !answer.ok && answer.error.code === 'RATE_LIMITED')).toHaveLength(6);
  });

  it('spreads its keys over the primaries', async () => {
    // A single-node client could only write the keys of the slots its one server owns (MOVED for the rest).
    const keys = await cluster.keysPerNode();
    expect(keys.filter((count) => count > 0).length).toBeGreaterThanOrEqual(2);
  });
});

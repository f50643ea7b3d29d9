import type { Room } from '@chat/contracts';
import type { ManagedProcess } from '@chat/local-cluster';
import { startChatStack, type Actor, type ChatStack } from '../support/chat-stack';
import { startGatewayProcess } from '../support/gateway-processes';
import { closeAllSockets, connectSocket, eventually, ok, request } from '../support/sockets';

const DB = 'gateway_faults';

/** Real gateway processes killed and stopped: what a replica's death and a rolling deploy look like. */
describe('gateway under SIGKILL and SIGTERM', () => {
  let stack: ChatStack;
  let survivor: { process: ManagedProcess; url: string };

  beforeAll(async () => {
    stack = await startChatStack(DB);
    survivor = await startGatewayProcess('faults-survivor', DB, stack.auth.url);
  });
  afterAll(async () => {
    closeAllSockets();
    await survivor.process.stop('SIGKILL');
    await stack.close();
  });

  async function sharedRoom(a: Actor, b: Actor): Promise<Room> {
    const room = (await a.rooms.post<Room>('/api/rooms', { name: 'faults', visibility: 'public' })).body;
    await a.rooms.post(`/api/rooms/${room.id}/members`, { userId: b.id });
    return room;
  }

  it('turns a user offline within 35 s after SIGKILL of the replica holding their only socket', async () => {
    const doomed = await startGatewayProcess('faults-doomed', DB, stack.auth.url);
    const [watcher, erin] = [await stack.actor(), await stack.actor()];
    const room = await sharedRoom(watcher, erin);
    const watching = await connectSocket(survivor.url, watcher.session.accessToken);
    await ok(watching, 'room:join', { roomId: room.id });
    const statuses: string[] = [];
    watching.on('presence', (entry) => entry.userId === erin.id && statuses.push(entry.status));
    await connectSocket(doomed.url, erin.session.accessToken);
    await eventually(() => statuses.includes('online'), 5000);

    const killedAt = Date.now();
    await doomed.process.stop('SIGKILL');
    const tookMs = await eventually(() => statuses.includes('offline'), 36_000, 200);
    expect(Date.now() - killedAt).toBeLessThanOrEqual(35_000);
    expect(tookMs).toBeGreaterThan(0);
    expect((await ok(watching, 'presence:get', { userIds: [erin.id] })).items[0].status).toBe('offline');
  }, 60_000);

  it('drains on SIGTERM: readiness false, server:draining with jitter, in-flight sends completed, exit in time', async () => {
    const draining = await startGatewayProcess('faults-draining', DB, stack.auth.url, {
      SHUTDOWN_DRAIN_DELAY_MS: '500',
      SHUTDOWN_GRACE_MS: '10000',
      DRAIN_RECONNECT_JITTER_MS: '2000',
    });
    const [alice, bob] = [await stack.actor(), await stack.actor()];
    const room = await sharedRoom(alice, bob);
    const socket = await connectSocket(draining.url, alice.session.accessToken);
    await ok(socket, 'room:join', { roomId: room.id });
    const notices: { reconnectAfterMs: number }[] = [];
    socket.on('server:draining', (notice) => notices.push(notice));

    const sends = Array.from({ length: 30 }, (_, i) =>
      request(
        socket,
        'message:send',
        { roomId: room.id, clientMsgId: `drain-${i}-${Date.now()}`, body: `in flight ${i}` },
        8000,
      ).catch(() => null),
    );
    const signalledAt = Date.now();
    draining.process.signal('SIGTERM');
    await eventually(
      async () =>
        (await fetch(`${draining.url}/readyz`)
          .then((r) => r.status)
          .catch(() => 0)) === 503,
      2000,
      20,
    );
    const exitCode = await draining.process.exited(15_000);
    const exitedAfterMs = Date.now() - signalledAt;

    expect(exitCode).toBe(0);
    expect(exitedAfterMs).toBeLessThan(10_000);
    expect(notices).toHaveLength(1);
    expect(notices[0].reconnectAfterMs).toBeGreaterThanOrEqual(0);
    expect(notices[0].reconnectAfterMs).toBeLessThan(2000);

    const answers = await Promise.all(sends);
    const acked = answers
      .filter((answer) => answer?.ok)
      .map((answer) => (answer as { data: { message: { id: string } } }).data.message.id);
    expect(acked).toHaveLength(30);
    const history = await alice.rooms.get<{ items: { id: string }[] }>(
      `/api/rooms/${room.id}/messages?limit=100`,
    );
    expect(history.body.items.map((m) => m.id).sort()).toEqual([...acked].sort());
  }, 30_000);
});

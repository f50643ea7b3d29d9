import Redis from 'ioredis';
import type { Room, Session } from '@chat/contracts';
import type { ManagedProcess } from '@chat/local-cluster';
import { startLocalRedis, type LocalRedis } from '@chat/testing';
import { startAuthApp, type RunningApp } from '../support/auth-app.harness';
import { startGatewayProcess } from '../support/gateway-processes';
import { startRoomsApp } from '../support/rooms-app.harness';
import { closeAllSockets, connectSocket, eventually, ok, request, sleep } from '../support/sockets';
import { registerUser, uniqueName } from '../support/users';

const DB = 'gateway_redis_frozen';
const AUDIT_MS = 1000;
/** Redis's command deadline is 2 s and the session store's 5 s: every answer below must beat their sum. */
const ANSWER_WITHIN_MS = 7000;
const FROZEN_AT_LEAST_MS = 8000;
const ROUND_PACE_MS = 500;

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work();
  return { value, ms: Date.now() - started };
}

/**
 * A frozen Redis (SIGSTOP: the connection stays open and nothing answers) is worse than a dead one, since
 * nothing fails fast. Every call has a deadline, and revocation fails closed onto the sessions store.
 */
describe('Redis frozen, and revocations that never arrived', () => {
  let redis: LocalRedis;
  let auth: RunningApp;
  let rooms: RunningApp;
  let gateway: { process: ManagedProcess; url: string };
  let room: Room;
  let alice: Session;
  let bob: Session;

  beforeAll(async () => {
    redis = await startLocalRedis();
    const env = { REDIS_URL: redis.url, RATE_LIMIT_REGISTER_PER_MINUTE: '1000' };
    auth = await startAuthApp(DB, env);
    rooms = await startRoomsApp(DB, auth.url, env);
    gateway = await startGatewayProcess('frozen-1', DB, auth.url, {
      REDIS_URL: redis.url,
      SOCKET_AUDIT_MS: String(AUDIT_MS),
    });
    [alice, bob] = [await registerUser(auth.http), await registerUser(auth.http)];
    room = (
      await rooms.http
        .withToken(alice.accessToken)
        .post<Room>('/api/rooms', { name: 'frozen', visibility: 'public' })
    ).body;
    await rooms.http.withToken(bob.accessToken).post(`/api/rooms/${room.id}/join`);
  });
  afterAll(async () => {
    closeAllSockets();
    redis?.process.kill('SIGCONT');
    await gateway?.process.stop('SIGKILL');
    await rooms?.close();
    await auth?.close();
    await redis?.stop();
  });

  it('ends a socket whose revocation was stored but never published, within the audit interval', async () => {
    const victim = await registerUser(auth.http, uniqueName('victim'));
    const socket = await connectSocket(gateway.url, victim.accessToken);
    const disconnected = new Promise((resolve) => socket.once('disconnect', resolve));
    const client = new Redis(redis.url);
    try {
      // The list entry a logout writes, without the publish that tells gateways at once.
      await client.set(`revoked:sid:${sessionIdOf(victim)}`, '1', 'PX', 60_000);
    } finally {
      client.disconnect();
    }
    const { value: reason, ms } = await timed(() => disconnected);
    expect(reason).toBe('io server disconnect');
    expect(ms).toBeLessThan(AUDIT_MS * 1.2 + 2000);
  });

  it('answers handshakes, requests and sends while Redis is frozen longer than any deadline, and refuses a session revoked meanwhile', async () => {
    const carol = await registerUser(auth.http, uniqueName('carol'));
    const sender = await connectSocket(gateway.url, alice.accessToken);
    await ok(sender, 'room:join', { roomId: room.id });

    redis.process.kill('SIGSTOP');
    const frozenAt = Date.now();
    try {
      // Round after round until the freeze has outlasted every deadline (Redis 2 s, the store 5 s).
      do {
        const handshake = await timed(() => connectSocket(gateway.url, bob.accessToken));
        expect(handshake.ms).toBeLessThan(ANSWER_WITHIN_MS);
        handshake.value.close();

        const send = await timed(() =>
          request(sender, 'message:send', {
            roomId: room.id,
            clientMsgId: uniqueName('frz'),
            body: 'frozen',
          }),
        );
        if (!send.value.ok) throw new Error(JSON.stringify(send.value));
        expect(send.ms).toBeLessThan(ANSWER_WITHIN_MS);

        const read = await timed(() => rooms.http.withToken(bob.accessToken).get(`/api/rooms/${room.id}`));
        expect(read.value.status).toBe(200);
        expect(read.ms).toBeLessThan(ANSWER_WITHIN_MS);
        await sleep(ROUND_PACE_MS); // a client's pace, not a flood: the per-process limits still hold
      } while (Date.now() - frozenAt < FROZEN_AT_LEAST_MS);

      // The logout is recorded in the sessions store but cannot reach the list: it says so (503)...
      const logout = await timed(() =>
        auth.http.withToken(carol.accessToken).post('/api/auth/logout', { refreshToken: carol.refreshToken }),
      );
      expect(logout.value.status).toBe(503);
      expect(logout.ms).toBeLessThan(ANSWER_WITHIN_MS);
      // ...and every service refuses the session anyway, from the store: fail closed, never open.
      const refused = await rooms.http.withToken(carol.accessToken).get(`/api/rooms/${room.id}`);
      expect(refused.status).toBe(401);
      expect(
        (await connectSocket(gateway.url, carol.accessToken).catch(
          (error: { data: unknown }) => error.data,
        )) as {
          code: string;
        },
      ).toMatchObject({ code: 'UNAUTHORIZED' });
    } finally {
      redis.process.kill('SIGCONT');
    }

    // Once Redis answers again the revocation is spread by the retry: the list refuses carol by itself.
    const client = new Redis(redis.url);
    try {
      await eventually(async () => (await client.get(`revoked:sid:${sessionIdOf(carol)}`)) === '1', 10_000);
    } finally {
      client.disconnect();
    }
    expect((await rooms.http.withToken(carol.accessToken).get(`/api/rooms/${room.id}`)).status).toBe(401);
    expect((await rooms.http.withToken(bob.accessToken).get(`/api/rooms/${room.id}`)).status).toBe(200);
  }, 60_000);
});

function sessionIdOf(session: Session): string {
  const payload = JSON.parse(Buffer.from(session.accessToken.split('.')[1], 'base64url').toString()) as {
    sid: string;
  };
  return payload.sid;
}

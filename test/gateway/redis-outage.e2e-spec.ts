import type { Message, Room, Session } from '@chat/contracts';
import type { ManagedProcess } from '@chat/local-cluster';
import { startLocalRedis, type LocalRedis } from '@chat/testing';
import { startAuthApp, type RunningApp } from '../support/auth-app.harness';
import { startGatewayProcess } from '../support/gateway-processes';
import { startRoomsApp } from '../support/rooms-app.harness';
import { closeAllSockets, connectSocket, eventually, ok, sleep } from '../support/sockets';
import { registerUser } from '../support/users';

const DB = 'gateway_redis_outage';

/**
 * Redis is not part of the write path's durability: while it is down a gateway keeps running and sends
 * are still stored and acked; when it returns, cross-replica fan-out resumes and clients recover what
 * they missed through sinceSeq. This file runs its own Redis, so it can kill and restart it.
 */
describe('gateways while Redis is down', () => {
  let redis: LocalRedis;
  let auth: RunningApp;
  let rooms: RunningApp;
  let gateways: { process: ManagedProcess; url: string }[];

  beforeAll(async () => {
    redis = await startLocalRedis();
    auth = await startAuthApp(DB, { REDIS_URL: redis.url });
    rooms = await startRoomsApp(DB, auth.url, { REDIS_URL: redis.url });
    gateways = await Promise.all(
      [1, 2].map((index) => startGatewayProcess(`outage-${index}`, DB, auth.url, { REDIS_URL: redis.url })),
    );
  });
  afterAll(async () => {
    closeAllSockets();
    await Promise.all(gateways.map((gateway) => gateway.process.stop('SIGKILL')));
    await rooms.close();
    await auth.close();
    await redis.stop();
  });

  it('stores and acks sends during the outage, resumes fan-out within 5 s, and lets clients recover', async () => {
    const [alice, bob]: Session[] = [await registerUser(auth.http), await registerUser(auth.http)];
    const room = (
      await rooms.http
        .withToken(alice.accessToken)
        .post<Room>('/api/rooms', { name: 'outage', visibility: 'public' })
    ).body;
    await rooms.http.withToken(bob.accessToken).post(`/api/rooms/${room.id}/join`);
    const [sender, receiver] = [
      await connectSocket(gateways[0].url, alice.accessToken),
      await connectSocket(gateways[1].url, bob.accessToken),
    ];
    await ok(sender, 'room:join', { roomId: room.id });
    await ok(receiver, 'room:join', { roomId: room.id, sinceSeq: 0 });
    const received: Message[] = [];
    receiver.on('message:new', (message) => received.push(message));
    const before = await ok(sender, 'message:send', {
      roomId: room.id,
      clientMsgId: 'outage-before',
      body: 'before',
    });
    await eventually(() => received.length === 1, 3000);

    await redis.stop();
    const during: Message[] = [];
    for (let i = 0; i < 5; i++) {
      const started = Date.now();
      during.push(
        (
          await ok(sender, 'message:send', {
            roomId: room.id,
            clientMsgId: `outage-during-${i}`,
            body: `during ${i}`,
          })
        ).message,
      );
      expect(Date.now() - started).toBeLessThan(1000);
    }
    expect(during.map((m) => m.seq)).toEqual([2, 3, 4, 5, 6]);
    for (const gateway of gateways) expect(gateway.process.running).toBe(true);

    await sleep(2000);
    redis = await startLocalRedis(redis.port);
    const restartedAt = Date.now();
    await eventually(
      async () => {
        const countBefore = received.length;
        await ok(sender, 'message:send', {
          roomId: room.id,
          clientMsgId: `outage-after-${Date.now()}`,
          body: 'after',
        });
        await sleep(200);
        return received.slice(countBefore).some((m) => m.body === 'after');
      },
      5000,
      100,
    );
    expect(Date.now() - restartedAt).toBeLessThan(5000);

    const recovered = await ok(receiver, 'room:join', { roomId: room.id, sinceSeq: before.message.seq });
    expect(recovered.missed.slice(0, 5)).toEqual(during);
  }, 60_000);
});

import { MongoClient } from 'mongodb';
import type { Room, Session } from '@chat/contracts';
import { flushTestRedis, HttpClient, mongoUrlFor } from '@chat/testing';
import { startServiceProcess, transientRetriesLogged, type StartedService } from '../support/service-process';
import { StoreProxy } from '../support/store-proxy';
import { registerUser, uniqueName } from '../support/users';

const DB = 'rooms_writes_under_cuts';
const USERS = 24;

/**
 * The rooms service's writes while its store connections are cut mid-request (a failover, a network
 * blip): room creation, joins, leaves and direct rooms retry by themselves, recognise their own writes
 * that landed unanswered, and keep every room's member count equal to its memberships. The client sees
 * success, never a 500, a second room, or a count that drifted.
 */
describe('rooms: writes while store connections drop', () => {
  let auth: StartedService;
  let rooms: StartedService;
  let proxy: StoreProxy;
  let store: MongoClient;
  const sessions: Session[] = [];
  const api = (session: Session) => new HttpClient(rooms.url).withToken(session.accessToken);

  beforeAll(async () => {
    await flushTestRedis();
    const direct = mongoUrlFor(DB);
    const { proxy: started, proxiedUrl } = await StoreProxy.inFrontOf(direct);
    proxy = started;
    // Only the rooms service goes through the proxy; auth (and so the users) stays on the direct line.
    auth = await startServiceProcess('auth', direct);
    rooms = await startServiceProcess('rooms', proxiedUrl, {
      AUTH_JWKS_URL: `${auth.url}/api/auth/jwks`,
    });
    store = await new MongoClient(direct).connect();
    const http = new HttpClient(auth.url);
    for (let batch = 0; batch < USERS; batch += 8)
      sessions.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(8, USERS - batch) }, () => registerUser(http, uniqueName('member'))),
        )),
      );
  }, 90_000);
  afterAll(async () => {
    await rooms?.process.stop();
    await auth?.process.stop();
    await proxy?.stop();
    await store?.close();
  }, 30_000);

  const memberships = (roomId: string) => store.db().collection('memberships').countDocuments({ roomId });
  const storedRoom = (roomId: string) =>
    api(sessions[0])
      .get<Room>(`/api/rooms/${roomId}`)
      .then((result) => result.body);

  it(`creates ${USERS} rooms at once: each exactly once, with its owner and a count of 1`, async () => {
    const names = sessions.map(() => uniqueName('cut room'));
    const created = await proxy.runWhileCutting(
      sessions.map(
        (session, index) => () =>
          api(session).post<Room>('/api/rooms', { name: names[index], visibility: 'public' }),
      ),
      20,
    );

    expect(proxy.cutConnections).toBeGreaterThan(0);
    expect(created.map((result) => result.status)).toEqual(sessions.map(() => 201));
    const stored = await store
      .db()
      .collection<{ name: string; memberCount: number }>('rooms')
      .find({ name: { $in: names } })
      .toArray();
    expect(stored.map((room) => room.name).sort()).toEqual([...names].sort());
    expect(stored.every((room) => room.memberCount === 1)).toBe(true);
    for (const result of created) expect(await memberships(result.body.id)).toBe(1);
  }, 90_000);

  it(`lets ${USERS - 1} users join one room at once, then half leave: the count matches the members`, async () => {
    const [owner, ...others] = sessions;
    const room = (
      await api(owner).post<Room>('/api/rooms', { name: uniqueName('busy'), visibility: 'public' })
    ).body;

    const joined = await proxy.runWhileCutting(
      others.map((session) => () => api(session).post<Room>(`/api/rooms/${room.id}/join`)),
      20,
    );
    expect(joined.map((result) => result.status)).toEqual(others.map(() => 200));
    expect(await memberships(room.id)).toBe(USERS);
    expect((await storedRoom(room.id)).memberCount).toBe(USERS);

    const leavers = others.slice(0, others.length / 2);
    const left = await proxy.runWhileCutting(
      leavers.map((session) => () => api(session).post(`/api/rooms/${room.id}/leave`)),
      20,
    );
    expect(left.map((result) => result.status)).toEqual(leavers.map(() => 204));
    expect(await memberships(room.id)).toBe(USERS - leavers.length);
    expect((await storedRoom(room.id)).memberCount).toBe(USERS - leavers.length);
    expect(transientRetriesLogged(rooms.logFile)).toBeGreaterThan(0);
  }, 90_000);

  it('opens direct rooms for many pairs at once, both ways: one room per pair, with both members', async () => {
    const pairs = Array.from({ length: USERS / 2 }, (_, index) => [
      sessions[index],
      sessions[index + USERS / 2],
    ]);
    // Each pair opens its room from both sides at once: the two requests race for one `_id`.
    const opened = await proxy.runWhileCutting(
      pairs.flatMap(([a, b]) => [
        () => api(a).post<Room>('/api/dm', { userId: b.user.id }),
        () => api(b).post<Room>('/api/dm', { userId: a.user.id }),
      ]),
      20,
    );

    expect(opened.map((result) => result.status)).toEqual(opened.map(() => 200));
    for (let pair = 0; pair < pairs.length; pair++) {
      const [fromA, fromB] = [opened[2 * pair].body, opened[2 * pair + 1].body];
      expect(fromA.id).toBe(fromB.id);
      expect(await memberships(fromA.id)).toBe(2);
    }
  }, 90_000);
});

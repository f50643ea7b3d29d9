import { MongoClient } from 'mongodb';
import type { Session } from '@chat/contracts';
import { flushTestRedis, HttpClient, mongoUrlFor } from '@chat/testing';
import { PASSWORD, registerUser, uniqueName } from '../support/users';
import { startServiceProcess, transientRetriesLogged, type StartedService } from '../support/service-process';
import { StoreProxy } from '../support/store-proxy';

const DB = 'auth_concurrent_registrations';
const BURST = 60;
const RACERS = 12;
const REFRESHES = 20;

/**
 * A burst of registrations (a load kit's set-up, a launch day) against the real auth process, whose
 * connections to the store are cut in the middle of it (a failover, a network blip, or the embedded
 * stand-in clearing its pool under load). Identity writes retry transient failures and recognise their
 * own writes that landed unacknowledged, so every registration ends in 201 with a user of its own, a
 * username raced by many in exactly one 201 and 409s, and a refresh in a rotation, never in a 500, a
 * second user, or a false alarm of token reuse.
 */
describe('auth: concurrent registrations while store connections drop', () => {
  let auth: StartedService;
  let http: HttpClient;
  let proxy: StoreProxy;
  let store: MongoClient;

  beforeAll(async () => {
    await flushTestRedis();
    const direct = mongoUrlFor(DB);
    const { proxy: started, proxiedUrl } = await StoreProxy.inFrontOf(direct);
    proxy = started;
    auth = await startServiceProcess('auth', proxiedUrl);
    http = new HttpClient(auth.url);
    store = await new MongoClient(direct).connect();
  }, 60_000);
  afterAll(async () => {
    await auth?.process.stop();
    await proxy?.stop();
    await store?.close();
  }, 30_000);

  function usersNamed(names: string[]) {
    return store
      .db()
      .collection<{ username: string }>('users')
      .find({ username: { $in: names } })
      .toArray();
  }

  it(`answers ${BURST} simultaneous registrations with 201 and ${BURST} distinct users`, async () => {
    const names = Array.from({ length: BURST }, () => uniqueName('burst'));
    const results = await proxy.runWhileCutting(
      names.map(
        (username) => () => http.post<Session>('/api/auth/register', { username, password: PASSWORD }),
      ),
      400,
    );

    expect(proxy.cutConnections).toBeGreaterThan(0);
    expect(transientRetriesLogged(auth.logFile)).toBeGreaterThan(0);
    expect(results.map((result) => result.status)).toEqual(names.map(() => 201));
    expect(new Set(results.map((result) => result.body.user.id)).size).toBe(BURST);
    expect(results.map((result) => result.body.user.username)).toEqual(names);
    const stored = await usersNamed(names);
    expect(stored.map((user) => user.username).sort()).toEqual([...names].sort());
  }, 90_000);

  it(`settles ${RACERS} simultaneous registrations of one username as one 201 and the rest 409`, async () => {
    const username = uniqueName('raced');
    const results = await proxy.runWhileCutting(
      Array.from(
        { length: RACERS },
        () => () => http.post<Session>('/api/auth/register', { username, password: PASSWORD }),
      ),
      200,
    );

    expect(results.map((result) => result.status).sort()).toEqual([
      201,
      ...Array<number>(RACERS - 1).fill(409),
    ]);
    expect(await usersNamed([username])).toHaveLength(1);
    const login = await http.post<Session>('/api/auth/login', { username, password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.user.id).toBe(results.find((result) => result.status === 201)!.body.user.id);
  }, 90_000);

  it(`rotates ${REFRESHES} sessions at once: each refresh succeeds once, and only the old token is spent`, async () => {
    const sessions: Session[] = [];
    for (let i = 0; i < REFRESHES; i++) sessions.push(await registerUser(http, uniqueName('rotor')));
    const rotated = await proxy.runWhileCutting(
      sessions.map(
        (session) => () => http.post<Session>('/api/auth/refresh', { refreshToken: session.refreshToken }),
      ),
      // Refreshes are quick (no password hash): cut while the first store calls are in flight.
      20,
    );

    expect(rotated.map((result) => result.status)).toEqual(sessions.map(() => 200));
    // A rotation that landed unacknowledged and was retried must not pass for a reuse (which revokes).
    for (const result of rotated) {
      const again = await http.post<Session>('/api/auth/refresh', { refreshToken: result.body.refreshToken });
      expect(again.status).toBe(200);
    }
  }, 90_000);
});

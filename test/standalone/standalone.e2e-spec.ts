import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Member, Page, Room, Session } from '@chat/contracts';
import type { ManagedProcess } from '@chat/local-cluster';
import type { HttpClient } from '@chat/testing';
import { standaloneProcess } from '../support/standalone-process';
import { PASSWORD, uniqueName } from '../support/users';

/** `npm start` as a newcomer meets it: the built server, the embedded store, keys in the data folder. */
describe('standalone server (the built process)', () => {
  let dataDir: string;
  let server: ManagedProcess;
  let http: HttpClient;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'chat-standalone-'));
    ({ server, http } = await standaloneProcess(dataDir));
    await server.start();
  });

  afterAll(async () => {
    await server.stop('SIGKILL');
    if (!process.env.KEEP_TEST_DATA) rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves auth, and keeps users, sessions and keys across a restart', async () => {
    const username = uniqueName('newcomer');
    const registered = await http.post<Session>('/api/auth/register', { username, password: PASSWORD });
    expect(registered.status).toBe(201);
    expect(existsSync(join(dataDir, 'keys'))).toBe(true);

    expect(await server.stop('SIGTERM')).toBe(0);
    await server.start();

    expect((await http.withToken(registered.body.accessToken).get('/api/auth/me')).body).toEqual(
      registered.body.user,
    );
    const refreshed = await http.post<Session>('/api/auth/refresh', {
      refreshToken: registered.body.refreshToken,
    });
    expect(refreshed.status).toBe(200);
    const login = await http.post<Session>('/api/auth/login', { username, password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.user.id).toBe(registered.body.user.id);
  });

  it('serves the rooms API, and keeps rooms, members and markers across a restart', async () => {
    const alice = (
      await http.post<Session>('/api/auth/register', { username: uniqueName('alice'), password: PASSWORD })
    ).body;
    const bob = (
      await http.post<Session>('/api/auth/register', { username: uniqueName('bob'), password: PASSWORD })
    ).body;
    const asAlice = http.withToken(alice.accessToken);
    const asBob = http.withToken(bob.accessToken);
    const room = (await asAlice.post<Room>('/api/rooms', { name: 'Lobby', visibility: 'public' })).body;
    expect((await asBob.post(`/api/rooms/${room.id}/join`)).status).toBe(200);
    const dm = (await asBob.post<Room>('/api/dm', { userId: alice.user.id })).body;
    expect(dm.kind).toBe('direct');

    expect(await server.stop('SIGTERM')).toBe(0);
    await server.start();

    const joined = await asBob.get<Page<Room>>('/api/rooms');
    expect(joined.body.items.map((r) => r.id).sort()).toEqual([room.id, dm.id].sort());
    expect((await asBob.post<Room>('/api/dm', { userId: alice.user.id })).body.id).toBe(dm.id);
    const members = await asAlice.get<Page<Member>>(`/api/rooms/${room.id}/members`);
    expect(members.body.items.map((m) => [m.user.id, m.role]).sort()).toEqual(
      [
        [alice.user.id, 'owner'],
        [bob.user.id, 'member'],
      ].sort(),
    );
    expect((await asAlice.get<Page<Room>>('/api/rooms?scope=public')).body.items[0].id).toBe(room.id);
    expect((await asBob.get(`/api/rooms/${room.id}/messages`)).body).toEqual({ items: [], hasMore: false });
  });

  it('turns readiness false and exits 0 on SIGTERM', async () => {
    expect((await http.get('/readyz')).status).toBe(200);
    expect(await server.stop('SIGTERM')).toBe(0);
    await server.start();
  });
});

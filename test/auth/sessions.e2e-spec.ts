import type { Session } from '@chat/contracts';
import { IDENTITY_OPTIONS, type IdentityOptions } from '@chat/identity';
import { flushTestRedis } from '@chat/testing';
import { startAuthApp, type RunningApp } from '../support/auth-app.harness';
import { PASSWORD, registerUser } from '../support/users';

describe('auth: refresh rotation, reuse detection, logout', () => {
  let auth: RunningApp;

  beforeAll(async () => {
    await flushTestRedis();
    auth = await startAuthApp('auth_sessions');
  });
  afterAll(() => auth.close());

  const refresh = (refreshToken: string) => auth.http.post<Session>('/api/auth/refresh', { refreshToken });
  const me = (accessToken: string) => auth.http.withToken(accessToken).get('/api/auth/me');

  it('rotates the refresh token on every use and keeps the session id', async () => {
    const first = await registerUser(auth.http);
    const second = await refresh(first.refreshToken);
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect(second.body.user).toEqual(first.user);
    const sid = (token: string) =>
      JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sid as string;
    expect(sid(second.body.accessToken)).toBe(sid(first.accessToken));
    expect((await me(second.body.accessToken)).status).toBe(200);

    const third = await refresh(second.body.refreshToken);
    expect(third.status).toBe(200);
  });

  it('answers an older spent refresh token with 401 and revokes the newest token of its family', async () => {
    const first = await registerUser(auth.http);
    const second = (await refresh(first.refreshToken)).body;
    const third = (await refresh(second.refreshToken)).body;

    const replay = await auth.http.post('/api/auth/refresh', { refreshToken: first.refreshToken });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('UNAUTHORIZED');

    expect((await refresh(third.refreshToken)).status).toBe(401);
    expect((await me(third.accessToken)).status).toBe(401);
  });

  it('answers a refresh token that was never issued with 401 and revokes nothing', async () => {
    const session = await registerUser(auth.http);
    const sid = session.refreshToken.split('.')[0];
    const forged = `${sid}.${'A'.repeat(43)}`;
    expect((await refresh(forged)).status).toBe(401);
    expect((await refresh('garbage')).status).toBe(401);
    expect((await refresh(session.refreshToken)).status).toBe(200);
  });

  it('answers two concurrent refreshes with the same token with the same successor', async () => {
    const session = await registerUser(auth.http);
    const [a, b] = await Promise.all([refresh(session.refreshToken), refresh(session.refreshToken)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.refreshToken).toBe(b.body.refreshToken);
    expect(a.body.refreshToken).not.toBe(session.refreshToken);
    expect((await me(a.body.accessToken)).status).toBe(200);
    expect((await me(b.body.accessToken)).status).toBe(200);

    const next = await refresh(a.body.refreshToken);
    expect(next.status).toBe(200);
    expect((await me(next.body.accessToken)).status).toBe(200);
  });

  it('answers the retry of a refresh whose answer was lost with the same successor, once superseded no more', async () => {
    const first = await registerUser(auth.http);
    const lost = await refresh(first.refreshToken);
    expect(lost.status).toBe(200);

    const retry = await refresh(first.refreshToken);
    expect(retry.status).toBe(200);
    expect(retry.body.refreshToken).toBe(lost.body.refreshToken);
    expect((await me(retry.body.accessToken)).status).toBe(200);

    const third = await refresh(retry.body.refreshToken);
    expect(third.status).toBe(200);
    expect(third.body.refreshToken).not.toBe(retry.body.refreshToken);

    // The first token is now two rotations old: reuse, whatever the clock says.
    expect((await refresh(first.refreshToken)).status).toBe(401);
    expect((await refresh(third.body.refreshToken)).status).toBe(401);
    expect((await me(third.body.accessToken)).status).toBe(401);
  });

  it('gives a revoked session no grace', async () => {
    const first = await registerUser(auth.http);
    const second = (await refresh(first.refreshToken)).body;
    const logout = await auth.http.withToken(second.accessToken).post('/api/auth/logout', {
      refreshToken: second.refreshToken,
    });
    expect(logout.status).toBe(204);
    expect((await refresh(first.refreshToken)).status).toBe(401);
  });

  it('logout revokes that session only: its refresh fails and its access token is refused', async () => {
    const phone = await registerUser(auth.http);
    const laptop = (
      await auth.http.post<Session>('/api/auth/login', { username: phone.user.username, password: PASSWORD })
    ).body;

    const logout = await auth.http.withToken(phone.accessToken).post('/api/auth/logout', {
      refreshToken: phone.refreshToken,
    });
    expect(logout.status).toBe(204);

    expect((await me(phone.accessToken)).status).toBe(401);
    expect((await refresh(phone.refreshToken)).status).toBe(401);

    expect((await me(laptop.accessToken)).status).toBe(200);
    expect((await refresh(laptop.refreshToken)).status).toBe(200);
  });

  it('refuses logout with the refresh token of another session (403) and without a bearer (401)', async () => {
    const mine = await registerUser(auth.http);
    const other = await registerUser(auth.http);
    const crossed = await auth.http.withToken(mine.accessToken).post('/api/auth/logout', {
      refreshToken: other.refreshToken,
    });
    expect(crossed.status).toBe(403);
    expect(crossed.body.error.code).toBe('FORBIDDEN');
    expect((await refresh(other.refreshToken)).status).toBe(200);

    expect((await auth.http.post('/api/auth/logout', { refreshToken: mine.refreshToken })).status).toBe(401);
  });
});

describe('auth: a spent refresh token once the grace window is over', () => {
  let auth: RunningApp;

  beforeAll(async () => {
    auth = await startAuthApp('auth_sessions_no_grace');
    // Rather than wait out the window, this app has none: every spent token is reuse at once.
    auth.app.get<IdentityOptions>(IDENTITY_OPTIONS).refreshGraceSeconds = 0;
  });
  afterAll(() => auth.close());

  const refresh = (refreshToken: string) => auth.http.post<Session>('/api/auth/refresh', { refreshToken });

  it('revokes the session on the previous token, as for any spent one', async () => {
    const first = await registerUser(auth.http);
    const second = await refresh(first.refreshToken);
    expect(second.status).toBe(200);

    expect((await refresh(first.refreshToken)).status).toBe(401);
    expect((await refresh(second.body.refreshToken)).status).toBe(401);
    expect((await auth.http.withToken(second.body.accessToken).get('/api/auth/me')).status).toBe(401);
  });
});

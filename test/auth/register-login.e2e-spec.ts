import { MongoClient } from 'mongodb';
import type { Session } from '@chat/contracts';
import { flushTestRedis, mongoUrlFor } from '@chat/testing';
import { startAuthApp, type RunningApp } from '../support/auth-app.harness';
import { PASSWORD, registerUser, uniqueName } from '../support/users';

const DB = 'auth_register_login';

describe('auth: register, login, me, users', () => {
  let auth: RunningApp;

  beforeAll(async () => {
    await flushTestRedis();
    auth = await startAuthApp(DB);
  });
  afterAll(() => auth.close());

  it('registers, logs in and answers me with the same user', async () => {
    const username = uniqueName('alice');
    const registered = await auth.http.post<Session>('/api/auth/register', {
      username,
      password: PASSWORD,
      displayName: '  Alice A.  ',
    });
    expect(registered.status).toBe(201);
    expect(registered.body.user).toEqual({
      id: expect.any(String),
      username,
      displayName: 'Alice A.',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
    });
    expect(registered.body.expiresIn).toBeLessThanOrEqual(900);

    const login = await auth.http.post<Session>('/api/auth/login', {
      username: username.toUpperCase(),
      password: PASSWORD,
    });
    expect(login.status).toBe(200);
    expect(login.body.user.id).toBe(registered.body.user.id);

    const me = await auth.http.withToken(login.body.accessToken).get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual(registered.body.user);
  });

  it('answers 409 for a username that differs only in case', async () => {
    const username = uniqueName('Bob');
    await registerUser(auth.http, username);
    const again = await auth.http.post('/api/auth/register', {
      username: username.toLowerCase(),
      password: PASSWORD,
    });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ error: { code: 'CONFLICT', message: expect.any(String) } });
  });

  it('gives identical 401s for an unknown user and a wrong password', async () => {
    const known = await registerUser(auth.http);
    const wrongPassword = await auth.http.post('/api/auth/login', {
      username: known.user.username,
      password: 'not the password',
    });
    const unknownUser = await auth.http.post('/api/auth/login', {
      username: uniqueName('ghost'),
      password: PASSWORD,
    });
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(unknownUser.body).toEqual(wrongPassword.body);
    expect(wrongPassword.body).toEqual({
      error: { code: 'UNAUTHORIZED', message: 'Invalid username or password' },
    });
  });

  it.each([
    ['an unknown field', { username: 'someone', password: PASSWORD, isAdmin: true }],
    ['a Mongo operator as username', { username: { $ne: null }, password: PASSWORD }],
    ['a Mongo operator as password', { username: 'someone', password: { $gt: '' } }],
    ['a missing password', { username: 'someone' }],
    ['an array body', [{ username: 'someone', password: PASSWORD }]],
  ])('rejects a login body with %s as 400 VALIDATION_FAILED', async (_name, body) => {
    const result = await auth.http.post('/api/auth/login', body);
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ error: { code: 'VALIDATION_FAILED', message: expect.any(String) } });
  });

  it.each([
    ['too short a username', { username: 'ab', password: PASSWORD }],
    ['a username with spaces', { username: 'has space', password: PASSWORD }],
    ['too long a username', { username: 'x'.repeat(33), password: PASSWORD }],
    ['too short a password', { username: uniqueName(), password: 'short' }],
    ['too long a password', { username: uniqueName(), password: 'p'.repeat(129) }],
    ['too long a display name', { username: uniqueName(), password: PASSWORD, displayName: 'd'.repeat(65) }],
    ['a blank display name', { username: uniqueName(), password: PASSWORD, displayName: '   ' }],
    [
      'an operator object in displayName',
      { username: uniqueName(), password: PASSWORD, displayName: { $set: 1 } },
    ],
  ])('rejects registration with %s', async (_name, body) => {
    const result = await auth.http.post('/api/auth/register', body);
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('counts lengths in code points: a 64-emoji display name fits', async () => {
    const result = await auth.http.post<Session>('/api/auth/register', {
      username: uniqueName(),
      password: PASSWORD,
      displayName: '😀'.repeat(64),
    });
    expect(result.status).toBe(201);
    expect(result.body.user.displayName).toBe('😀'.repeat(64));
  });

  it('answers malformed JSON with 400 and a body over 64 KB with 413, in the envelope', async () => {
    const malformed = await auth.http.send('POST', '/api/auth/login', undefined, '{"username":');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual({ error: { code: 'VALIDATION_FAILED', message: expect.any(String) } });
    const huge = await auth.http.post('/api/auth/login', { username: 'x', password: 'y'.repeat(70_000) });
    expect(huge.status).toBe(413);
    expect(huge.body).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: expect.any(String) } });
  });

  it('stores the password as argon2id with at least m=19456, t=2, p=1', async () => {
    const session = await registerUser(auth.http);
    const client = await MongoClient.connect(mongoUrlFor(DB));
    try {
      const record = await client.db().collection('users').findOne({ username: session.user.username });
      const [, algorithm, version, params] = String(record?.passwordHash).split('$');
      expect(algorithm).toBe('argon2id');
      expect(version).toBe('v=19');
      const cost = Object.fromEntries(params.split(',').map((pair) => pair.split('=')));
      expect(Number(cost.m)).toBeGreaterThanOrEqual(19456);
      expect(Number(cost.t)).toBeGreaterThanOrEqual(2);
      expect(Number(cost.p)).toBe(1);
      expect(String(record?.passwordHash)).not.toContain(PASSWORD);
    } finally {
      await client.close();
    }
  });

  it('grants no role at registration or login: every new account is a plain user', async () => {
    const plain = await registerUser(auth.http);
    const claims = (token: string) =>
      JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { roles: string[] };
    expect(claims(plain.accessToken).roles).toEqual(['user']);
    const login = await auth.http.post<Session>('/api/auth/login', {
      username: plain.user.username,
      password: PASSWORD,
    });
    expect(claims(login.body.accessToken).roles).toEqual(['user']);
  });

  it('finds users by id and by case-insensitive username prefix', async () => {
    const prefix = uniqueName('Zed');
    const first = await registerUser(auth.http, `${prefix}_one`);
    await registerUser(auth.http, `${prefix}_two`);
    const http = auth.http.withToken(first.accessToken);

    const byId = await http.get(`/api/users/${first.user.id}`);
    expect(byId.status).toBe(200);
    expect(byId.body).toEqual(first.user);
    expect((await http.get('/api/users/000000000000000000000000')).status).toBe(404);
    expect((await http.get('/api/users/not-an-id')).status).toBe(404);

    const found = await http.get<{ items: { username: string }[] }>(
      `/api/users?q=${prefix.toUpperCase()}&limit=5`,
    );
    expect(found.status).toBe(200);
    expect(found.body.items.map((user) => user.username)).toEqual([`${prefix}_one`, `${prefix}_two`]);
    expect((await http.get(`/api/users?q=${prefix}&limit=1`)).body.items).toHaveLength(1);
    expect((await http.get(`/api/users?q=${prefix}&limit=51`)).status).toBe(400);
    expect((await http.get('/api/users?q=')).status).toBe(400);
    expect((await http.get(`/api/users?q=.*`)).body.items).toEqual([]);
    expect((await auth.http.get(`/api/users?q=${prefix}`)).status).toBe(401);
  });

  it('serves health, readiness and metrics at the root', async () => {
    expect((await auth.http.get('/healthz')).status).toBe(200);
    const ready = await auth.http.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.info.store.status).toBe('up');
    const metrics = await fetch(`${auth.url}/metrics`).then((response) => response.text());
    expect(metrics).toContain('http_request_duration_seconds');
  });
});

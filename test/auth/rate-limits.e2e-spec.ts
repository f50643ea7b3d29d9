import { flushTestRedis } from '@chat/testing';
import { startAuthApp, type RunningApp } from '../support/auth-app.harness';
import { PASSWORD, registerUser, uniqueName } from '../support/users';

describe('auth: login and registration rate limits', () => {
  let auth: RunningApp;

  beforeAll(async () => {
    await flushTestRedis();
    auth = await startAuthApp('auth_rate_limits', {
      RATE_LIMIT_LOGIN_FAILURES: '3',
      RATE_LIMIT_REGISTER_PER_MINUTE: '4',
      TRUST_PROXY: 'loopback',
    });
  });
  afterAll(() => auth.close());

  // TRUST_PROXY=loopback: the test plays the load balancer and names a distinct client per test.
  const from = (address: string) => auth.http.withHeaders({ 'x-forwarded-for': address });

  it('answers 429 with retryAfterMs after repeated failures, even for the right password', async () => {
    const client = from('198.51.100.10');
    const user = await registerUser(client);
    for (let attempt = 0; attempt < 3; attempt++) {
      const failed = await client.post('/api/auth/login', {
        username: user.user.username,
        password: 'wrong password',
      });
      expect(failed.status).toBe(401);
    }
    const limited = await client.post('/api/auth/login', {
      username: user.user.username,
      password: PASSWORD,
    });
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      error: { code: 'RATE_LIMITED', message: expect.any(String), retryAfterMs: expect.any(Number) },
    });
    expect(limited.body.error.retryAfterMs).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

    // The per-username limit also holds from another address.
    const elsewhere = await from('198.51.100.11').post('/api/auth/login', {
      username: user.user.username,
      password: PASSWORD,
    });
    expect(elsewhere.status).toBe(429);
  });

  it('limits unknown usernames alike, per address', async () => {
    const client = from('198.51.100.20');
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(
        (await client.post('/api/auth/login', { username: uniqueName('ghost'), password: PASSWORD })).status,
      ).toBe(401);
    }
    const limited = await client.post('/api/auth/login', {
      username: uniqueName('ghost'),
      password: PASSWORD,
    });
    expect(limited.status).toBe(429);
    // Another client address is unaffected.
    expect(
      (
        await from('198.51.100.21').post('/api/auth/login', {
          username: uniqueName('ghost'),
          password: PASSWORD,
        })
      ).status,
    ).toBe(401);
  });

  it('limits registrations per client address', async () => {
    const client = from('198.51.100.30');
    for (let attempt = 0; attempt < 4; attempt++) await registerUser(client);
    const limited = await client.post('/api/auth/register', { username: uniqueName(), password: PASSWORD });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(
      (await from('198.51.100.31').post('/api/auth/register', { username: uniqueName(), password: PASSWORD }))
        .status,
    ).toBe(201);
  });
});

describe('auth: TRUST_PROXY defaults to trusting no proxy', () => {
  let auth: RunningApp;

  beforeAll(async () => {
    await flushTestRedis();
    auth = await startAuthApp('auth_rate_limits_untrusted', { RATE_LIMIT_REGISTER_PER_MINUTE: '2' });
  });
  afterAll(() => auth.close());

  it('ignores X-Forwarded-For, so a client cannot escape the limit by forging it', async () => {
    for (const address of ['203.0.113.1', '203.0.113.2']) {
      await registerUser(auth.http.withHeaders({ 'x-forwarded-for': address }));
    }
    const forged = await auth.http
      .withHeaders({ 'x-forwarded-for': '203.0.113.3' })
      .post('/api/auth/register', { username: uniqueName(), password: PASSWORD });
    expect(forged.status).toBe(429);
  });
});

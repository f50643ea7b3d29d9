import { createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sign } from 'jsonwebtoken';
import type { JwksDocument, Session } from '@chat/contracts';
import { generateKeyFile, keysFolder } from '@chat/identity';
import { flushTestRedis } from '@chat/testing';
import { startAuthApp, type RunningApp } from '../support/auth-app.harness';
import { decodeJwt, hs256Token, noneToken, tamperedToken } from '../support/jwt-forgery';
import { PASSWORD, registerUser } from '../support/users';
import { startVerifyingService } from '../support/verifying-service';

const DB = 'auth_tokens';

describe('auth: access tokens, JWKS and key rotation', () => {
  let dataDir: string;
  let auth: RunningApp;

  beforeAll(async () => {
    await flushTestRedis();
    dataDir = mkdtempSync(join(tmpdir(), 'chat-keys-'));
    auth = await startAuthApp(DB, { DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await auth.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const me = (http: RunningApp['http'], token: string) => http.withToken(token).get('/api/auth/me');
  const signingKey = () => {
    const newest = readdirSync(keysFolder(dataDir)).sort().pop()!;
    return createPrivateKey(readFileSync(join(keysFolder(dataDir), newest), 'utf8'));
  };

  it('signs RS256 tokens whose kid the JWKS publishes, with the contract claims', async () => {
    const session = await registerUser(auth.http);
    const { header, payload } = decodeJwt(session.accessToken);
    expect(header.alg).toBe('RS256');
    const jwks = (await auth.http.get<JwksDocument>('/api/auth/jwks')).body;
    expect(jwks.keys.map((key) => key.kid)).toContain(header.kid);
    expect(jwks.keys.every((key) => !('d' in key) && !('p' in key))).toBe(true);
    expect(payload).toMatchObject({
      sub: session.user.id,
      sid: expect.any(String),
      roles: ['user'],
      iss: 'chat-auth',
      aud: 'chat',
    });
    expect(Number(payload.exp) - Number(payload.iat)).toBeLessThanOrEqual(900);
  });

  describe('rejects forged and invalid tokens', () => {
    let session: Session;
    let publicPem: string;

    beforeAll(async () => {
      session = await registerUser(auth.http);
      const jwks = (await auth.http.get<JwksDocument>('/api/auth/jwks')).body;
      const jwk = jwks.keys.find((key) => key.kid === decodeJwt(session.accessToken).header.kid)!;
      publicPem = createPublicKey({ key: jwk, format: 'jwk' })
        .export({ type: 'spki', format: 'pem' })
        .toString();
    });

    const validlySigned = (claims: Record<string, unknown>) => {
      const { header, payload } = decodeJwt(session.accessToken);
      return Promise.resolve(
        sign({ ...payload, ...claims }, signingKey(), { algorithm: 'RS256', keyid: String(header.kid) }),
      );
    };

    it('accepts the genuine token', async () => {
      expect((await me(auth.http, session.accessToken)).status).toBe(200);
    });

    it.each([
      [
        'alg:none',
        () =>
          Promise.resolve(
            noneToken(decodeJwt(session.accessToken).header, decodeJwt(session.accessToken).payload),
          ),
      ],
      [
        'HS256 signed with the public key',
        () =>
          Promise.resolve(
            hs256Token(
              decodeJwt(session.accessToken).header,
              decodeJwt(session.accessToken).payload,
              publicPem,
            ),
          ),
      ],
      ['a wrong audience', () => validlySigned({ aud: 'another-service' })],
      ['a wrong issuer', () => validlySigned({ iss: 'someone-else' })],
      [
        'an expired token',
        () =>
          validlySigned({
            iat: Math.floor(Date.now() / 1000) - 3600,
            exp: Math.floor(Date.now() / 1000) - 60,
          }),
      ],
      [
        'tampered claims',
        () => Promise.resolve(tamperedToken(session.accessToken, { roles: ['user', 'admin'] })),
      ],
      [
        'an unknown kid',
        async () => {
          const token = await validlySigned({});
          const [, payload, signature] = token.split('.');
          return `${Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'unknown' })).toString('base64url')}.${payload}.${signature}`;
        },
      ],
    ])('refuses %s with 401', async (_name, forge) => {
      const result = await me(auth.http, await forge());
      expect(result.status).toBe(401);
      expect(result.body.error.code).toBe('UNAUTHORIZED');
    });
  });

  it('a service verifying through the JWKS accepts genuine tokens, refuses forged ones, and sees revocations', async () => {
    const service = await startVerifyingService(auth.url);
    try {
      const session = await registerUser(auth.http);
      const whoami = await service.http.withToken(session.accessToken).get('/api/whoami');
      expect(whoami.status).toBe(200);
      expect(whoami.body).toMatchObject({ userId: session.user.id, roles: ['user'] });
      expect((await service.http.get('/api/whoami')).status).toBe(401);
      expect(
        (await service.http.withToken(tamperedToken(session.accessToken, { sub: 'x' })).get('/api/whoami'))
          .status,
      ).toBe(401);

      await auth.http
        .withToken(session.accessToken)
        .post('/api/auth/logout', { refreshToken: session.refreshToken });
      const afterLogout = await service.http.withToken(session.accessToken).get('/api/whoami');
      expect(afterLogout.status).toBe(401);
    } finally {
      await service.close();
    }
  });

  it('after rotation, signs with the new kid and keeps verifying old tokens', async () => {
    const before = await registerUser(auth.http);
    const oldKid = decodeJwt(before.accessToken).header.kid;
    const service = await startVerifyingService(auth.url);
    expect((await service.http.withToken(before.accessToken).get('/api/whoami')).status).toBe(200);

    generateKeyFile(dataDir, Date.now() + 1);
    await auth.close();
    auth = await startAuthApp(DB, { DATA_DIR: dataDir });
    try {
      const after = (
        await auth.http.post<Session>('/api/auth/login', {
          username: before.user.username,
          password: PASSWORD,
        })
      ).body;
      const newKid = decodeJwt(after.accessToken).header.kid;
      expect(newKid).not.toBe(oldKid);
      const kids = (await auth.http.get<JwksDocument>('/api/auth/jwks')).body.keys.map((key) => key.kid);
      expect(kids).toEqual(expect.arrayContaining([oldKid, newKid]));

      expect((await me(auth.http, before.accessToken)).status).toBe(200);
      // The running service fetched the JWKS moments ago: it may refetch for the new kid only once its
      // cooldown has passed (jwks-cache.e2e-spec proves that pickup), and keeps the old key meanwhile.
      expect((await service.http.withToken(before.accessToken).get('/api/whoami')).status).toBe(200);
      const fresh = await startVerifyingService(auth.url);
      try {
        expect((await fresh.http.withToken(after.accessToken).get('/api/whoami')).status).toBe(200);
        expect((await fresh.http.withToken(before.accessToken).get('/api/whoami')).status).toBe(200);
      } finally {
        await fresh.close();
      }
    } finally {
      await service.close();
    }
  });

  it('drops a retired key from the JWKS once its tokens have expired, refusing them', async () => {
    const old = await registerUser(auth.http);
    const oldKid = decodeJwt(old.accessToken).header.kid;
    // Every earlier key was superseded 40 minutes ago, and the newest one took over 20 minutes ago.
    const folder = keysFolder(dataDir);
    const fortyMinutesAgo = new Date(Date.now() - 40 * 60_000);
    for (const name of readdirSync(folder)) utimesSync(join(folder, name), fortyMinutesAgo, fortyMinutesAgo);
    const successor = generateKeyFile(dataDir, Date.now() + 2);
    const twentyMinutesAgo = new Date(Date.now() - 20 * 60_000);
    utimesSync(successor, twentyMinutesAgo, twentyMinutesAgo);
    await auth.close();
    auth = await startAuthApp(DB, { DATA_DIR: dataDir });

    const kids = (await auth.http.get<JwksDocument>('/api/auth/jwks')).body.keys.map((key) => key.kid);
    expect(kids).not.toContain(oldKid);
    expect(kids).toHaveLength(1);
    expect((await me(auth.http, old.accessToken)).status).toBe(401);
  });
});

describe('auth: keys from the environment', () => {
  it('signs with AUTH_SIGNING_KEY and publishes AUTH_RETIRED_PUBLIC_KEYS', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chat-envkeys-'));
    const retiredPem = createPublicKey(createPrivateKey(readFileSync(generateKeyFile(dir, 1), 'utf8')))
      .export({ type: 'spki', format: 'pem' })
      .toString();
    const signingPem = readFileSync(generateKeyFile(dir, 2), 'utf8');
    const auth = await startAuthApp(DB, {
      NODE_ENV: 'production',
      DATA_DIR: join(dir, 'unused'),
      AUTH_SIGNING_KEY: signingPem,
      AUTH_RETIRED_PUBLIC_KEYS: retiredPem,
    });
    try {
      const session = await registerUser(auth.http);
      const kids = (await auth.http.get<JwksDocument>('/api/auth/jwks')).body.keys.map((key) => key.kid);
      expect(kids).toHaveLength(2);
      expect(kids[0]).toBe(decodeJwt(session.accessToken).header.kid);
      expect(readdirSync(dir)).not.toContain('unused');
    } finally {
      await auth.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start in production without AUTH_SIGNING_KEY', async () => {
    await expect(startAuthApp(DB, { NODE_ENV: 'production' })).rejects.toThrow(/AUTH_SIGNING_KEY/);
  });
});

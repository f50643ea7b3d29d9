import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Controller, type DynamicModule, Get, Global, type INestApplication, Module } from '@nestjs/common';
import { sign } from 'jsonwebtoken';
import { EngineModule } from '@chat/platform/engine';
import { createHttpApp } from '@chat/platform/http';
import { LoggingModule } from '@chat/platform/runtime';
import { AccessTokenVerifier } from './access-token.verifier';
import type { AuthUser } from './auth-user';
import { AuthnModule } from './authn.module';
import { CurrentUser } from './current-user.decorator';
import { PublicKeySource } from './public-key.source';
import { RemoteJwksKeySource } from './remote-jwks.key-source';

const ISSUER = 'chat-auth';
const AUDIENCE = 'chat';
const COOLDOWN_MS = 30_000;
const REFRESH_MS = 60_000;

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

function newKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid: randomBytes(32).toString('base64url'), privateKey, publicKey };
}

function tokenFor(key: SigningKey, kid = key.kid): string {
  return sign({ sid: 'session-1', roles: ['user'] }, key.privateKey, {
    algorithm: 'RS256',
    keyid: kid,
    subject: 'user-1',
    issuer: ISSUER,
    audience: AUDIENCE,
    expiresIn: 900,
  });
}

/** auth's JWKS endpoint as this test wants it: the keys it publishes, and how many times it was asked. */
class JwksServer {
  published: SigningKey[] = [];
  requests = 0;
  private readonly server: Server = createServer((_request, response) => {
    this.requests += 1;
    const keys = this.published.map(({ kid, publicKey }) => ({
      ...publicKey.export({ format: 'jwk' }),
      kid,
      alg: 'RS256',
      use: 'sig',
    }));
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ keys: [{ kty: 'EC', kid: 'not-rsa', use: 'sig' }, ...keys] }));
  });

  async start(): Promise<string> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/auth/jwks`;
  }

  async stop(): Promise<void> {
    const closed = once(this.server, 'close');
    this.server.close();
    this.server.closeAllConnections();
    await closed;
  }
}

@Controller('whoami')
class WhoAmIController {
  @Get()
  whoami(@CurrentUser() user: AuthUser): AuthUser {
    return user;
  }
}

/** A service as rooms composes one, with the key source under test (and its clock) in place. */
@Global()
@Module({})
class VerifyingModule {
  static forRoot(keys: RemoteJwksKeySource): DynamicModule {
    return {
      module: VerifyingModule,
      imports: [
        LoggingModule.forRoot({ level: 'silent', service: 'jwks-spec' }),
        EngineModule.forRoot({ kind: 'memory' }),
        AuthnModule.forRoot({
          issuer: ISSUER,
          audience: AUDIENCE,
          accessTokenTtlSeconds: 900,
          keys: 'local',
        }),
      ],
      providers: [{ provide: PublicKeySource, useValue: keys }],
      exports: [PublicKeySource],
      controllers: [WhoAmIController],
    };
  }
}

describe('RemoteJwksKeySource: a JWKS cache that unauthenticated input cannot exhaust', () => {
  let jwks: JwksServer;
  let clock: number;
  let app: INestApplication;
  let baseUrl: string;
  let verifier: AccessTokenVerifier;
  let current: SigningKey;

  /** The same key source behind both paths: sockets (`verify`) and HTTP (passport-jwt). */
  async function start(url: string): Promise<void> {
    const keys = new RemoteJwksKeySource({
      jwksUrl: url,
      cooldownMs: COOLDOWN_MS,
      refreshIntervalMs: REFRESH_MS,
      timeoutMs: 2_000,
      now: () => clock,
    });
    app = await createHttpApp(VerifyingModule.forRoot(keys), { trustProxy: 'false' });
    await app.listen(0, '127.0.0.1');
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    verifier = app.get(AccessTokenVerifier);
  }

  const overHttp = async (token: string) =>
    (await fetch(`${baseUrl}/api/whoami`, { headers: { authorization: `Bearer ${token}` } })).status;
  const overSocket = (token: string) =>
    verifier.verify(token).then(
      () => 'accepted',
      () => 'refused',
    );

  beforeEach(async () => {
    clock = 1_000_000;
    jwks = new JwksServer();
    current = newKey();
    jwks.published = [current];
    await start(await jwks.start());
  });
  afterEach(async () => {
    await app.close();
    await jwks.stop().catch(() => undefined);
  });

  it('lets 1,000 tokens with random kids cause at most one refetch per cooldown, and keeps verifying', async () => {
    expect(await overSocket(tokenFor(current))).toBe('accepted');
    expect(jwks.requests).toBe(1);

    clock += COOLDOWN_MS;
    const forged = Array.from({ length: 1_000 }, () =>
      tokenFor(current, randomBytes(32).toString('base64url')),
    );
    const outcomes = await Promise.all(
      forged.map((token, index) => (index % 2 ? overSocket(token) : overHttp(token))),
    );
    expect(outcomes.filter((outcome) => outcome === 'accepted' || outcome === 200)).toEqual([]);
    expect(jwks.requests).toBe(2);

    // Within the cooldown, another thousand cost nothing; malformed kids never even reach the cache.
    clock += COOLDOWN_MS - 1;
    await Promise.all(forged.map(overSocket));
    await Promise.all(
      ['x'.repeat(65), 'has space', '../../etc'].map((kid) => overSocket(tokenFor(current, kid))),
    );
    expect(jwks.requests).toBe(2);

    expect(await overSocket(tokenFor(current))).toBe('accepted');
    expect(await overHttp(tokenFor(current))).toBe(200);
    expect(jwks.requests).toBe(2);

    clock += 1;
    await overSocket(forged[0]);
    expect(jwks.requests).toBe(3);
  });

  it('keeps verifying with the known keys after the JWKS goes down, past the refresh interval', async () => {
    expect(await overSocket(tokenFor(current))).toBe('accepted');
    await jwks.stop();

    clock += REFRESH_MS * 10;
    // Due for a refresh: the known key answers at once while the refetch fails in the background.
    expect(await overSocket(tokenFor(current))).toBe('accepted');
    // An unknown kid joins that refetch while it is in flight (or finds the cooldown running): either way
    // the refetch has failed by the time this answers.
    expect(await overSocket(tokenFor(newKey()))).toBe('refused');
    expect(await overSocket(tokenFor(current))).toBe('accepted');
    expect(await overHttp(tokenFor(current))).toBe(200);

    clock += REFRESH_MS * 100;
    expect(await overSocket(tokenFor(newKey()))).toBe('refused');
    expect(await overSocket(tokenFor(current))).toBe('accepted');
  });

  it('picks up a rotated key on first sight once the cooldown has passed, and drops a withdrawn one', async () => {
    expect(await overSocket(tokenFor(current))).toBe('accepted');
    const next = newKey();
    jwks.published = [current, next];

    // Seen within the cooldown of the last fetch: refused, without a request.
    expect(await overSocket(tokenFor(next))).toBe('refused');
    expect(jwks.requests).toBe(1);

    clock += COOLDOWN_MS;
    expect(await overHttp(tokenFor(next))).toBe(200);
    expect(await overSocket(tokenFor(next))).toBe('accepted');
    expect(await overSocket(tokenFor(current))).toBe('accepted');
    expect(jwks.requests).toBe(2);

    // A successful periodic refresh replaces the set: a key auth no longer publishes stops verifying.
    jwks.published = [next];
    clock += REFRESH_MS;
    await overSocket(tokenFor(next));
    await overSocket(tokenFor(newKey())); // joins the background refresh, so it has landed
    expect(jwks.requests).toBe(3);
    expect(await overSocket(tokenFor(current))).toBe('refused');
    expect(await overSocket(tokenFor(next))).toBe('accepted');
  });
});

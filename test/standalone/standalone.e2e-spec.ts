import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Session } from '@chat/contracts';
import { freePort } from '@chat/platform';
import { HttpClient, ServiceProcess } from '@chat/testing';
import { PASSWORD, uniqueName } from '../support/users';

const ENTRY = resolve(__dirname, '../../dist/apps/standalone/src/main.js');

/** `npm start` as a newcomer meets it: the built server, the embedded store, keys in the data folder. */
describe('standalone server (the built process)', () => {
  let dataDir: string;
  let server: ServiceProcess;
  let http: HttpClient;

  beforeAll(async () => {
    if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: the test command builds first (npm test)`);
    dataDir = mkdtempSync(join(tmpdir(), 'chat-standalone-'));
    const port = await freePort();
    http = new HttpClient(`http://127.0.0.1:${port}`);
    server = new ServiceProcess({
      name: 'standalone',
      command: process.execPath,
      args: [ENTRY],
      env: { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      readyUrl: `${http.baseUrl}/readyz`,
      logFile: join(dataDir, 'standalone.log'),
    });
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

  it('turns readiness false and exits 0 on SIGTERM', async () => {
    expect((await http.get('/readyz')).status).toBe(200);
    expect(await server.stop('SIGTERM')).toBe(0);
    await server.start();
  });
});

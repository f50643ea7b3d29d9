import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '@chat/platform/runtime';
import { httpReady, ManagedProcess } from '@chat/local-cluster';
import { mongoUrlFor, testServers } from '@chat/testing';

const GATEWAY_ENTRY = resolve(__dirname, '../../dist/apps/gateway/src/main.js');
const STANDALONE_ENTRY = resolve(__dirname, '../../dist/apps/standalone/src/main.js');
export const LOG_DIR = mkdtempSync(join(tmpdir(), 'chat-gateway-logs-'));

/** Test-friendly limits: generous enough for the concurrency tests, low enough to prove a flood is refused. */
export const SOCKET_TEST_ENV = {
  RATE_LIMIT_SEND_POINTS: '100',
  RATE_LIMIT_SOCKET_EVENT_POINTS: '600',
  RATE_LIMIT_SOCKET_WINDOW_SECONDS: '10',
  LOG_LEVEL: 'warn',
};

/** A real gateway process (the built app) on a free port, against the chosen Redis and store. */
export async function startGatewayProcess(
  name: string,
  database: string,
  authUrl: string,
  env: Record<string, string> = {},
): Promise<{ process: ManagedProcess; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const process = new ManagedProcess({
    name,
    command: globalThis.process.execPath,
    args: [GATEWAY_ENTRY],
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      MONGO_URL: mongoUrlFor(database),
      REDIS_URL: testServers().redisUrl,
      AUTH_JWKS_URL: `${authUrl}/api/auth/jwks`,
      ...SOCKET_TEST_ENV,
      ...env,
    },
    ready: () => httpReady(`${url}/readyz`),
    logFile: join(LOG_DIR, `${name}.log`),
  });
  await process.start();
  return { process, url };
}

/** The built standalone server on a free port with a fresh data folder. */
export async function startStandaloneProcess(env: Record<string, string> = {}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-standalone-sockets-'));
  const process = new ManagedProcess({
    name: 'standalone',
    command: globalThis.process.execPath,
    args: [STANDALONE_ENTRY],
    env: { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ...SOCKET_TEST_ENV, ...env },
    ready: () => httpReady(`${url}/readyz`),
    logFile: join(LOG_DIR, 'standalone.log'),
  });
  await process.start();
  return { process, url, dataDir };
}

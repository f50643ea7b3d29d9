import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '@chat/platform/runtime';
import { httpReady, ManagedProcess } from '@chat/local-cluster';
import { HttpClient } from '@chat/testing';

const ENTRY = resolve(__dirname, '../../dist/apps/standalone/src/main.js');

/**
 * The built standalone server (`npm start` without the build) on a free port, with the given data folder,
 * not yet started. Its log goes to `<dataDir>/standalone.log`.
 */
export async function standaloneProcess(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ server: ManagedProcess; http: HttpClient }> {
  if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: the test command builds first (npm test)`);
  const port = await freePort();
  const http = new HttpClient(`http://127.0.0.1:${port}`);
  const server = new ManagedProcess({
    name: 'standalone',
    command: process.execPath,
    args: [ENTRY],
    env: { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    ready: () => httpReady(`${http.baseUrl}/readyz`),
    logFile: join(dataDir, 'standalone.log'),
  });
  return { server, http };
}

export interface SuiteServer {
  dataDir: string;
  server: ManagedProcess;
  http: HttpClient;
}

/**
 * A started standalone server in a fresh data folder for the calling describe block: started before its
 * tests, killed and its folder removed after them (kept with KEEP_TEST_DATA). Read the fields in tests
 * or hooks, not at definition time.
 */
export function standaloneForSuite(prefix: string, env: Record<string, string> = {}): SuiteServer {
  const suite = {} as SuiteServer;
  beforeAll(async () => {
    suite.dataDir = mkdtempSync(join(tmpdir(), `chat-${prefix}-`));
    Object.assign(suite, await standaloneProcess(suite.dataDir, env));
    await suite.server.start();
  });
  afterAll(async () => {
    await suite.server?.stop('SIGKILL');
    if (suite.dataDir && !process.env.KEEP_TEST_DATA) rmSync(suite.dataDir, { recursive: true, force: true });
  });
  return suite;
}

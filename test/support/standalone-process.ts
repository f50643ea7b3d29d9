import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '@chat/platform';
import { HttpClient, ServiceProcess } from '@chat/testing';

const ENTRY = resolve(__dirname, '../../dist/apps/standalone/src/main.js');

/**
 * The built standalone server (`npm start` without the build) on a free port, with the given data folder,
 * not yet started. Its log goes to `<dataDir>/standalone.log`.
 */
export async function standaloneProcess(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ server: ServiceProcess; http: HttpClient }> {
  if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: the test command builds first (npm test)`);
  const port = await freePort();
  const http = new HttpClient(`http://127.0.0.1:${port}`);
  const server = new ServiceProcess({
    name: 'standalone',
    command: process.execPath,
    args: [ENTRY],
    env: { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    readyUrl: `${http.baseUrl}/readyz`,
    logFile: join(dataDir, 'standalone.log'),
  });
  return { server, http };
}

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '@chat/platform';
import { ServiceProcess, testServers } from '@chat/testing';

const AUTH_ENTRY = resolve(__dirname, '../../../dist/apps/auth/src/main.js');

/**
 * The built auth service as its own process on a free port, against the chosen Redis and the given store
 * URL, with a data folder of its own (the signing key is generated there). Its log stays on disk.
 */
export async function startAuthProcess(
  mongoUrl: string,
  env: Record<string, string> = {},
): Promise<{ process: ServiceProcess; url: string; logFile: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-auth-process-'));
  const logFile = join(dataDir, 'auth.log');
  const process = new ServiceProcess({
    name: 'auth',
    command: globalThis.process.execPath,
    args: [AUTH_ENTRY],
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      MONGO_URL: mongoUrl,
      REDIS_URL: testServers().redisUrl,
      DATA_DIR: dataDir,
      // Every registration here comes from one loopback address.
      RATE_LIMIT_REGISTER_PER_MINUTE: '100000',
      LOG_LEVEL: 'warn',
      ...env,
    },
    readyUrl: `${url}/readyz`,
    logFile,
  });
  await process.start();
  return { process, url, logFile };
}

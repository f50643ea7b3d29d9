import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '@chat/platform/runtime';
import { httpReady, ManagedProcess } from '@chat/local-cluster';
import { testServers } from '@chat/testing';

export interface StartedService {
  process: ManagedProcess;
  url: string;
  logFile: string;
}

/** How many store calls a service's log says it retried after a transient failure. */
export function transientRetriesLogged(logFile: string): number {
  return (readFileSync(logFile, 'utf8').match(/failed \(Mongo\w*Error.*retrying/g) ?? []).length;
}

/**
 * A built service (`auth` or `rooms`) as its own process on a free port, against the suite's Redis and
 * the given store URL, with a data folder of its own (auth generates its signing key there). Its log
 * stays on disk for the test to read.
 */
export async function startServiceProcess(
  app: 'auth' | 'rooms',
  mongoUrl: string,
  env: Record<string, string> = {},
): Promise<StartedService> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), `chat-${app}-process-`));
  const logFile = join(dataDir, `${app}.log`);
  const process = new ManagedProcess({
    name: app,
    command: globalThis.process.execPath,
    args: [resolve(__dirname, `../../dist/apps/${app}/src/main.js`)],
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      MONGO_URL: mongoUrl,
      REDIS_URL: testServers().redisUrl,
      DATA_DIR: dataDir,
      // Every request here comes from one loopback address.
      RATE_LIMIT_REGISTER_PER_MINUTE: '100000',
      LOG_LEVEL: 'warn',
      ...env,
    },
    ready: () => httpReady(`${url}/readyz`),
    logFile,
  });
  await process.start();
  return { process, url, logFile };
}

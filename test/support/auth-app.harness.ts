import type { INestApplication } from '@nestjs/common';
import { AuthConfig, loadConfig } from '@chat/config';
import { createHttpApp } from '@chat/platform/http';
import { AuthAppModule } from '../../apps/auth/src/auth-app.module';
import { HttpClient } from '@chat/testing';
import { mongoUrlFor, testServers } from '@chat/testing';

export interface RunningApp {
  app: INestApplication;
  url: string;
  http: HttpClient;
  close(): Promise<void>;
}

/** The real auth app, in process, on a free port, against the servers the global set-up chose. */
export async function startAuthApp(database: string, env: Record<string, string> = {}): Promise<RunningApp> {
  const config = loadConfig(AuthConfig, {
    MONGO_URL: mongoUrlFor(database),
    REDIS_URL: testServers().redisUrl,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const app = await createHttpApp(AuthAppModule.forRoot(config), { trustProxy: config.TRUST_PROXY });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url, http: new HttpClient(url), close: () => app.close() };
}

import { loadConfig, RoomsConfig } from '@chat/config';
import { createHttpApp } from '@chat/platform/http';
import { HttpClient, mongoUrlFor, testServers } from '@chat/testing';
import { RoomsAppModule } from '../../apps/rooms/src/rooms-app.module';
import type { RunningApp } from './auth-app.harness';

/** The real rooms app, in process, verifying tokens through the given auth app's JWKS. */
export async function startRoomsApp(
  database: string,
  authUrl: string,
  env: Record<string, string> = {},
): Promise<RunningApp> {
  const config = loadConfig(RoomsConfig, {
    MONGO_URL: mongoUrlFor(database),
    REDIS_URL: testServers().redisUrl,
    AUTH_JWKS_URL: `${authUrl}/api/auth/jwks`,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const app = await createHttpApp(RoomsAppModule.forRoot(config), { trustProxy: config.TRUST_PROXY });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url, http: new HttpClient(url), close: () => app.close() };
}

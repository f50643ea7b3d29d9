import 'reflect-metadata';
import { join, resolve } from 'node:path';
import { GatewayEnv, loadConfig, StandaloneConfig } from '@chat/config';
import { ChatIoAdapter, DrainService } from '@chat/gateway';
import { runMain, serveHttpService, type StoreOptions } from '@chat/platform';
import { refuseLegacySnapshot } from './legacy-snapshot';
import { StandaloneAppModule } from './standalone-app.module';

runMain(async () => {
  const config = loadConfig(StandaloneConfig);
  // The gateway's settings are validated on their own: the same variables as the gateway service.
  const gateway = loadConfig(GatewayEnv);
  const dataDir = resolve(config.DATA_DIR);
  if (!config.MONGO_URL) refuseLegacySnapshot(dataDir);
  const store: StoreOptions = config.MONGO_URL
    ? { kind: 'mongo', url: config.MONGO_URL }
    : { kind: 'sqlite', path: join(dataDir, 'chat.db'), synchronous: config.SQLITE_SYNCHRONOUS };
  await serveHttpService(StandaloneAppModule.forRoot(config, gateway, store), config, {
    socketAdapter: (app) => new ChatIoAdapter(app, { kind: 'memory' }),
    beforeClose: (app) => app.get(DrainService).drain(config.SHUTDOWN_GRACE_MS / 3),
  });
  console.log(`chat standalone listening on http://localhost:${config.PORT} (data in ${dataDir})`);
});

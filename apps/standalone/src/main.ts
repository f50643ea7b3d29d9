import 'reflect-metadata';
import { join, resolve } from 'node:path';
import { GatewayEnv, loadConfig, StandaloneConfig } from '@chat/config';
import { ChatIoAdapter, DrainService } from '@chat/gateway';
import { runMain, serveHttpService, startEmbeddedMongo } from '@chat/platform';
import { StandaloneAppModule } from './standalone-app.module';

runMain(async () => {
  const config = loadConfig(StandaloneConfig);
  // The gateway's settings are validated on their own: the same variables as the gateway service.
  const gateway = loadConfig(GatewayEnv);
  const embedded = config.MONGO_URL
    ? undefined
    : await startEmbeddedMongo({
        snapshotPath: join(resolve(config.DATA_DIR), 'store.json'),
        snapshotIntervalMs: config.EMBEDDED_STORE_SNAPSHOT_MS,
      });
  const mongoUrl = config.MONGO_URL ?? embedded!.url;
  await serveHttpService(StandaloneAppModule.forRoot(config, gateway, mongoUrl), config, {
    socketAdapter: (app) => new ChatIoAdapter(app, { kind: 'memory' }),
    beforeClose: (app) => app.get(DrainService).drain(config.SHUTDOWN_GRACE_MS / 3),
    // The store closes last, after every request has finished writing.
    afterClose: () => embedded?.stop() ?? Promise.resolve(),
  });
  console.log(
    `chat standalone listening on http://localhost:${config.PORT} (data in ${resolve(config.DATA_DIR)})`,
  );
});

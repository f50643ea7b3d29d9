import 'reflect-metadata';
import { join, resolve } from 'node:path';
import { GatewayEnv, loadConfig, StandaloneConfig } from '@chat/config';
import { ChatIoAdapter, DrainService } from '@chat/gateway';
import { createHttpApp, exitGracefullyOnSignals, runMain, startEmbeddedMongo } from '@chat/platform';
import { StandaloneAppModule } from './standalone-app.module';

async function main(): Promise<void> {
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
  const app = await createHttpApp(StandaloneAppModule.forRoot(config, gateway, mongoUrl), {
    trustProxy: config.TRUST_PROXY,
  });
  app.useWebSocketAdapter(new ChatIoAdapter(app, { kind: 'memory' }));
  exitGracefullyOnSignals(app, {
    graceMs: config.SHUTDOWN_GRACE_MS,
    drainDelayMs: config.SHUTDOWN_DRAIN_DELAY_MS,
    beforeClose: () => app.get(DrainService).drain(config.SHUTDOWN_GRACE_MS / 3),
    // The store closes last, after every request has finished writing.
    afterClose: () => embedded?.stop() ?? Promise.resolve(),
  });
  await app.listen(config.PORT, config.HOST);
  console.log(
    `chat standalone listening on http://localhost:${config.PORT} (data in ${resolve(config.DATA_DIR)})`,
  );
}

runMain(main);

import 'reflect-metadata';
import { loadConfig, RoomsConfig } from '@chat/config';
import { createHttpApp, exitGracefullyOnSignals, runMain } from '@chat/platform';
import { RoomsAppModule } from './rooms-app.module';

async function main(): Promise<void> {
  const config = loadConfig(RoomsConfig);
  const app = await createHttpApp(RoomsAppModule.forRoot(config), { trustProxy: config.TRUST_PROXY });
  exitGracefullyOnSignals(app, {
    graceMs: config.SHUTDOWN_GRACE_MS,
    drainDelayMs: config.SHUTDOWN_DRAIN_DELAY_MS,
  });
  await app.listen(config.PORT, config.HOST);
}

runMain(main);

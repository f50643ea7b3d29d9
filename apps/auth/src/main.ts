import 'reflect-metadata';
import { AuthConfig, loadConfig } from '@chat/config';
import { createHttpApp, exitGracefullyOnSignals, runMain } from '@chat/platform';
import { AuthAppModule } from './auth-app.module';

async function main(): Promise<void> {
  const config = loadConfig(AuthConfig);
  const app = await createHttpApp(AuthAppModule.forRoot(config), { trustProxy: config.TRUST_PROXY });
  exitGracefullyOnSignals(app, {
    graceMs: config.SHUTDOWN_GRACE_MS,
    drainDelayMs: config.SHUTDOWN_DRAIN_DELAY_MS,
  });
  await app.listen(config.PORT, config.HOST);
}

runMain(main);

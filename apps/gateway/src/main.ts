import 'reflect-metadata';
import { GatewayConfig, loadConfig } from '@chat/config';
import { ChatIoAdapter, DrainService } from '@chat/gateway';
import { createHttpApp, exitGracefullyOnSignals, runMain } from '@chat/platform';
import { GatewayAppModule } from './gateway-app.module';

async function main(): Promise<void> {
  const config = loadConfig(GatewayConfig);
  const app = await createHttpApp(GatewayAppModule.forRoot(config), { trustProxy: config.TRUST_PROXY });
  app.useWebSocketAdapter(new ChatIoAdapter(app, { kind: config.SOCKET_ADAPTER, url: config.REDIS_URL }));
  exitGracefullyOnSignals(app, {
    graceMs: config.SHUTDOWN_GRACE_MS,
    drainDelayMs: config.SHUTDOWN_DRAIN_DELAY_MS,
    beforeClose: () => app.get(DrainService).drain(config.SHUTDOWN_GRACE_MS / 3),
  });
  await app.listen(config.PORT, config.HOST);
}

runMain(main);

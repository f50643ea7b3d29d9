import 'reflect-metadata';
import { GatewayConfig, loadConfig } from '@chat/config';
import { ChatIoAdapter, DrainService } from '@chat/gateway';
import { serveHttpService } from '@chat/platform/http';
import { runMain } from '@chat/platform/runtime';
import { GatewayAppModule } from './gateway-app.module';

runMain(async () => {
  const config = loadConfig(GatewayConfig);
  await serveHttpService(GatewayAppModule.forRoot(config), config, {
    socketAdapter: (app) => new ChatIoAdapter(app, { kind: config.SOCKET_ADAPTER, url: config.REDIS_URL }),
    // A third of the grace for in-flight events, so closing the sockets and the app still fit in it.
    beforeClose: (app) => app.get(DrainService).drain(config.SHUTDOWN_GRACE_MS / 3),
  });
});

import 'reflect-metadata';
import { loadConfig, RoomsConfig } from '@chat/config';
import { serveHttpService } from '@chat/platform/http';
import { runMain } from '@chat/platform/runtime';
import { RoomsAppModule } from './rooms-app.module';

runMain(async () => {
  const config = loadConfig(RoomsConfig);
  await serveHttpService(RoomsAppModule.forRoot(config), config);
});

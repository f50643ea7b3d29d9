import 'reflect-metadata';
import { loadConfig, RoomsConfig } from '@chat/config';
import { runMain, serveHttpService } from '@chat/platform';
import { RoomsAppModule } from './rooms-app.module';

runMain(async () => {
  const config = loadConfig(RoomsConfig);
  await serveHttpService(RoomsAppModule.forRoot(config), config);
});

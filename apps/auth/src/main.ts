import 'reflect-metadata';
import { AuthConfig, loadConfig } from '@chat/config';
import { runMain, serveHttpService } from '@chat/platform';
import { AuthAppModule } from './auth-app.module';

runMain(async () => {
  const config = loadConfig(AuthConfig);
  await serveHttpService(AuthAppModule.forRoot(config), config);
});

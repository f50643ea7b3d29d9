import 'reflect-metadata';
import { AuthConfig, loadConfig } from '@chat/config';
import { serveHttpService } from '@chat/platform/http';
import { runMain } from '@chat/platform/runtime';
import { AuthAppModule } from './auth-app.module';

runMain(async () => {
  const config = loadConfig(AuthConfig);
  await serveHttpService(AuthAppModule.forRoot(config), config);
});

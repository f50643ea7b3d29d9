import 'reflect-metadata';
import { AuthConfig, loadConfig } from '@chat/config';
import { createHttpApp } from '@chat/platform';
import { AuthAppModule } from './auth-app.module';

async function main(): Promise<void> {
  const config = loadConfig(AuthConfig);
  const app = await createHttpApp(AuthAppModule.forRoot(config), { trustProxy: config.TRUST_PROXY });
  await app.listen(config.PORT, config.HOST);
}

void main();

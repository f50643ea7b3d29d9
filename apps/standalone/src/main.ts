import 'reflect-metadata';
import { join, resolve } from 'node:path';
import { loadConfig, StandaloneConfig } from '@chat/config';
import { createHttpApp, startEmbeddedMongo } from '@chat/platform';
import { StandaloneAppModule } from './standalone-app.module';

async function main(): Promise<void> {
  const config = loadConfig(StandaloneConfig);
  const embedded = config.MONGO_URL
    ? undefined
    : await startEmbeddedMongo({ storagePath: join(resolve(config.DATA_DIR), 'db') });
  const app = await createHttpApp(StandaloneAppModule.forRoot(config, config.MONGO_URL ?? embedded!.url), {
    trustProxy: config.TRUST_PROXY,
  });
  if (embedded) {
    // Close the store only after Nest has drained requests and closed its connections.
    const stopStore = () => void app.close().finally(() => void embedded.stop().finally(() => process.exit(0)));
    process.once('SIGINT', stopStore);
  }
  await app.listen(config.PORT, config.HOST);
  console.log(`chat standalone listening on http://localhost:${config.PORT} (data in ${resolve(config.DATA_DIR)})`);
}

void main();

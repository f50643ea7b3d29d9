import 'reflect-metadata';
import { setFlagsFromString } from 'node:v8';
import { join, resolve } from 'node:path';
import { attachmentLinkSecret, attachmentsOptionsFromEnv } from '@chat/attachments';
import { GatewayEnv, loadConfig, StandaloneConfig } from '@chat/config';
import { ChatIoAdapter, DrainService } from '@chat/gateway';
import { pushOptionsFromEnv, vapidKeysInDataDir } from '@chat/notifications';
import { serveHttpService } from '@chat/platform/http';
import { runMain } from '@chat/platform/runtime';
import { type StoreOptions } from '@chat/platform/store';
import { importLegacySnapshot } from './legacy-import/import-legacy-snapshot';
import { StandaloneAppModule } from './standalone-app.module';

// The single process is the small install: V8 grows its heap to a multiple of the live set under a
// sustained message rate and keeps it; optimizing for size holds RSS near what is live (measured in
// docs/benchmarks.md: the RSS after 1,000,000 stored messages against 10,000). Set before anything
// allocates in earnest.
setFlagsFromString('--optimize-for-size');

runMain(async () => {
  const config = loadConfig(StandaloneConfig);
  // The gateway's settings are validated on their own: the same variables as the gateway service.
  const gateway = loadConfig(GatewayEnv);
  const dataDir = resolve(config.DATA_DIR);
  const store: StoreOptions = config.MONGO_URL
    ? { kind: 'mongo', url: config.MONGO_URL }
    : { kind: 'sqlite', path: join(dataDir, 'chat.db'), synchronous: config.SQLITE_SYNCHRONOUS };
  if (store.kind === 'sqlite') {
    const imported = await importLegacySnapshot(dataDir, store);
    if (imported !== null)
      console.log(
        `imported ${imported} records from ${join(dataDir, 'store.json')} (kept as store.json.imported)`,
      );
  }
  const attachments = attachmentsOptionsFromEnv(
    config,
    join(dataDir, 'attachments'),
    attachmentLinkSecret(config.ATTACHMENT_LINK_SECRET, { dataDir }),
  );
  // Web Push works out of the box: without configured VAPID keys, the ones generated in DATA_DIR.
  const push = pushOptionsFromEnv(
    gateway,
    gateway.WEB_PUSH_VAPID_PUBLIC_KEY ? undefined : vapidKeysInDataDir(dataDir),
  );
  await serveHttpService(StandaloneAppModule.forRoot(config, gateway, store, attachments, push), config, {
    socketAdapter: (app) => new ChatIoAdapter(app, { kind: 'memory' }),
    beforeClose: (app) => app.get(DrainService).drain(config.SHUTDOWN_GRACE_MS / 3),
  });
  console.log(`chat standalone listening on http://localhost:${config.PORT} (data in ${dataDir})`);
});

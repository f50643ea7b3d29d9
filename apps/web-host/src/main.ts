import 'reflect-metadata';
import { resolve } from 'node:path';
import { loadConfig, WebHostConfig } from '@chat/config';
import { runMain } from '@chat/platform/runtime';
import { cspOrigin, startWebHost } from '@chat/platform/web-client';

/** `dist/web`, beside `dist/apps/web-host/src` in the build output. */
const BUILT_CLIENT = resolve(__dirname, '../../../web');

/** The web client's own host for deployments that split it from the API (the Helm chart's `web`). */
runMain(async () => {
  const config = loadConfig(WebHostConfig);
  const root = config.WEB_ROOT || BUILT_CLIENT;
  await startWebHost({
    root,
    port: config.PORT,
    host: config.HOST,
    drainDelayMs: config.SHUTDOWN_DRAIN_DELAY_MS,
    graceMs: config.SHUTDOWN_GRACE_MS,
    imageOrigins: config.WEB_IMAGE_ORIGINS.split(/\s+/).filter(Boolean).map(cspOrigin),
  });
  console.log(`web-host serving ${root} on http://${config.HOST}:${config.PORT}`);
});

import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { loadConfig, WebHostConfig } from '@chat/config';
import { runMain, webClientHandler } from '@chat/platform';

/** `dist/web`, beside `dist/apps/web-host/src` in the build output. */
const BUILT_CLIENT = resolve(__dirname, '../../../web');

/**
 * Serves the built web client for deployments that split it from the API (the Helm chart's `web`
 * component): the same files and headers as the standalone server, plus `/healthz`, `/readyz` and
 * `/metrics`. It holds no state, so drain is only: unready, wait for the balancer, close.
 */
runMain(async () => {
  const config = loadConfig(WebHostConfig);
  const root = config.WEB_ROOT || BUILT_CLIENT;
  if (!existsSync(join(root, 'index.html'))) throw new Error(`no web build at ${root} (npm run build:web)`);
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });
  const serveFile = webClientHandler(root);
  let draining = false;

  const reply = (response: ServerResponse, status: number, body: unknown, type = 'application/json') => {
    response.writeHead(status, { 'Content-Type': type });
    response.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/healthz') return reply(response, 200, { status: 'ok' });
    if (path === '/readyz')
      return reply(response, draining ? 503 : 200, { status: draining ? 'draining' : 'ok' });
    if (path === '/metrics')
      return void metrics.metrics().then((text) => reply(response, 200, text, metrics.contentType));
    serveFile(request, response, () =>
      reply(response, 404, { error: { code: 'NOT_FOUND', message: 'Not found' } }),
    );
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((done) => server.listen(config.PORT, config.HOST, done));
  console.log(`web-host serving ${root} on http://${config.HOST}:${config.PORT}`);

  const shutdown = () => {
    if (draining) return;
    draining = true;
    setTimeout(() => process.exit(1), config.SHUTDOWN_GRACE_MS).unref();
    setTimeout(() => {
      server.close(() => process.exit(0));
      server.closeIdleConnections();
    }, config.SHUTDOWN_DRAIN_DELAY_MS);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
});

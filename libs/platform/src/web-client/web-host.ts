import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { webClientHandler } from './static-files';

export interface WebHostOptions {
  /** The built client: a folder holding index.html. */
  root: string;
  port: number;
  host: string;
  /** After SIGTERM, `/readyz` answers 503 this long before the server stops accepting. */
  drainDelayMs: number;
  /** Past this after SIGTERM the process exits non-zero. */
  graceMs: number;
}

function reply(response: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  response.writeHead(status, { 'Content-Type': type });
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/**
 * The web client on a server of its own (the Helm chart's `web` component): the same files and headers
 * as the standalone server, plus `/healthz`, `/readyz` and `/metrics`. It holds no state, so its drain
 * is only: unready, wait for the balancer to notice, close.
 */
export async function startWebHost(options: WebHostOptions): Promise<Server> {
  if (!existsSync(join(options.root, 'index.html')))
    throw new Error(`no web build at ${options.root} (npm run build:web)`);
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });
  const serveFile = webClientHandler(options.root);
  let draining = false;

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
  await new Promise<void>((done) => server.listen(options.port, options.host, done));

  const drain = () => {
    if (draining) return;
    draining = true;
    setTimeout(() => process.exit(1), options.graceMs).unref();
    setTimeout(() => {
      server.close(() => process.exit(0));
      server.closeIdleConnections();
    }, options.drainDelayMs);
  };
  process.on('SIGTERM', drain);
  process.on('SIGINT', drain);
  return server;
}

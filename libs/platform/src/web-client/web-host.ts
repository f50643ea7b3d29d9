import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
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
  /** Origins the client may load images from besides its own (an S3 store's public endpoint). */
  imageOrigins?: readonly string[];
}

/** Any error a request meets (a malformed path, a file gone mid-read) is an answer, never a crash. */
function errorEnvelope(error: unknown, _request: Request, response: Response, next: NextFunction): void {
  if (response.headersSent) return next(error);
  const status = (error as { status?: number; statusCode?: number }).status ?? 500;
  const badRequest = status >= 400 && status < 500;
  response.status(badRequest ? status : 500).json({
    error: badRequest
      ? { code: status === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED', message: 'Bad request path' }
      : { code: 'INTERNAL', message: 'Internal error' },
  });
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
  let draining = false;

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_request, response) => void response.json({ status: 'ok' }));
  app.get(
    '/readyz',
    (_request, response) =>
      void response.status(draining ? 503 : 200).json({ status: draining ? 'draining' : 'ok' }),
  );
  app.get('/metrics', (_request, response, next) => {
    metrics.metrics().then((text) => response.type(metrics.contentType).send(text), next);
  });
  app.use(webClientHandler(options.root, options.imageOrigins));
  app.use((_request: Request, response: Response) => {
    response.status(404).json({ error: { code: 'NOT_FOUND', message: 'Not found' } });
  });
  app.use(errorEnvelope);

  const server = await new Promise<Server>((done) => {
    const listening = app.listen(options.port, options.host, () => done(listening));
  });
  server.keepAliveTimeout = 65_000;

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

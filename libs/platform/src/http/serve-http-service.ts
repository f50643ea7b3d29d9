import type { DynamicModule, WebSocketAdapter } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { CommonEnv } from '@chat/config';
import { exitGracefullyOnSignals } from '../shutdown/graceful-shutdown';
import { createHttpApp } from './create-http-app';

export interface ServeOptions {
  /** Installs a Socket.IO adapter (gateway, standalone). */
  socketAdapter?: (app: NestExpressApplication) => WebSocketAdapter;
  /** After readiness turned false, before the server closes: drain sockets. */
  beforeClose?: (app: NestExpressApplication) => Promise<void>;
  /** After the app closed: stop what it ran on. */
  afterClose?: () => Promise<void>;
}

/**
 * Node keeps a request open for five minutes by default: a client that trickles its headers or body
 * would hold a connection (and its memory) that long. Every request of ours fits in a 64 KB body.
 * Websockets are unaffected: these bound only the HTTP request that opens them.
 */
const REQUEST_TIMEOUT_MS = 30_000;
const HEADERS_TIMEOUT_MS = 10_000;

function limitSlowClients(app: NestExpressApplication): void {
  const server = app.getHttpServer();
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
}

/** The one way a service process boots: the HTTP edge, graceful shutdown on signals, then listen. */
export async function serveHttpService(
  module: DynamicModule,
  config: CommonEnv,
  options: ServeOptions = {},
): Promise<NestExpressApplication> {
  const app = await createHttpApp(module, { trustProxy: config.TRUST_PROXY });
  if (options.socketAdapter) app.useWebSocketAdapter(options.socketAdapter(app));
  exitGracefullyOnSignals(app, {
    graceMs: config.SHUTDOWN_GRACE_MS,
    drainDelayMs: config.SHUTDOWN_DRAIN_DELAY_MS,
    beforeClose: options.beforeClose && (() => options.beforeClose!(app)),
    afterClose: options.afterClose,
  });
  limitSlowClients(app);
  await app.listen(config.PORT, config.HOST);
  return app;
}

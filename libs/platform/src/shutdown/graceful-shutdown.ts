import { setTimeout as sleep } from 'node:timers/promises';
import type { INestApplication } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { ReadinessState } from '../health/readiness.state';

export interface ShutdownOptions {
  /** Upper bound on the whole shutdown; past it the process exits non-zero regardless (ms). */
  graceMs: number;
  /** Readiness is false this long before the server stops accepting, so balancers notice first (ms). */
  drainDelayMs?: number;
  /** Runs after readiness turned false, before the server closes: drain sockets, say. */
  beforeClose?: () => Promise<void>;
  /** Runs after the app has closed: stop what the app ran on (the embedded store, say). */
  afterClose?: () => Promise<void>;
}

/**
 * SIGTERM and SIGINT drain the process: readiness turns false, the server stops accepting and lets
 * in-flight requests finish (Nest's close hooks run), then the process exits 0. A watchdog bounds it.
 */
export function exitGracefullyOnSignals(app: INestApplication, options: ShutdownOptions): void {
  const logger = new Logger('Shutdown');
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: draining`);
    setTimeout(() => {
      logger.error(`shutdown exceeded ${options.graceMs} ms; exiting`);
      process.exit(1);
    }, options.graceMs).unref();
    app.get(ReadinessState).beginDrain();
    if (options.drainDelayMs) await sleep(options.drainDelayMs);
    await options.beforeClose?.();
    await app.close();
    await options.afterClose?.();
    process.exit(0);
  };
  // Repeated signals (a second Ctrl-C, an orchestrator retry) must not cut the drain short.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, (s) => void shutdown(s));
}

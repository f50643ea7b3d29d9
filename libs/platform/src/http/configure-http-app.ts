import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { httpMetricsMiddleware } from '../metrics/http-metrics.middleware';
import { MetricsRegistry } from '../metrics/metrics.registry';
import { HttpErrorFilter } from './http-error.filter';
import { jsonBodyMiddleware } from './json-body.middleware';
import { parseTrustProxy } from './trust-proxy';
import { createValidationPipe } from './validation.pipe';

/** Paths every service serves at its root, outside `/api`. */
export const OPERATIONAL_PATHS = ['healthz', 'readyz', 'metrics'];

export interface HttpAppOptions {
  trustProxy: string;
}

/**
 * The HTTP edge every app shares: `/api` prefix, capped JSON bodies, validation, one error filter,
 * the client address as TRUST_PROXY allows, and JSON logs.
 * The app must be created with `{ bodyParser: false, bufferLogs: true }`.
 */
export function configureHttpApp(app: NestExpressApplication, options: HttpAppOptions): void {
  app.useLogger(app.get(Logger));
  app.set('trust proxy', parseTrustProxy(options.trustProxy));
  app.disable('x-powered-by');
  const metrics = metricsRegistryOf(app);
  if (metrics) app.use(httpMetricsMiddleware(metrics));
  app.use(jsonBodyMiddleware());
  app.setGlobalPrefix('api', { exclude: OPERATIONAL_PATHS });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
}

/** An app composed without MetricsModule (a test's verifying service) is simply not measured. */
function metricsRegistryOf(app: NestExpressApplication): MetricsRegistry | undefined {
  try {
    return app.get(MetricsRegistry, { strict: false });
  } catch {
    return undefined;
  }
}

import type { RequestHandler } from 'express';
import type { MetricsRegistry } from './metrics.registry';

/** Times every request; the route label is the route pattern, never the raw URL, to bound cardinality. */
export function httpMetricsMiddleware(registry: MetricsRegistry): RequestHandler {
  return (request, response, next) => {
    const stop = registry.httpRequestDuration.startTimer({ method: request.method });
    response.on('finish', () => {
      const route = (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
      stop({ route: `${request.baseUrl}${route}`, status: String(response.statusCode) });
    });
    next();
  };
}

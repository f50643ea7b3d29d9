import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * One registry per process. Created lazily so that tests which boot several apps in one process
 * share it instead of registering the same metric twice.
 */
let registry: Registry | undefined;
let httpDuration: Histogram<'method' | 'route' | 'status'> | undefined;

export function metricsRegistry(): Registry {
  if (!registry) {
    registry = new Registry();
    collectDefaultMetrics({ register: registry });
  }
  return registry;
}

export function httpRequestDuration(): Histogram<'method' | 'route' | 'status'> {
  httpDuration ??= new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [metricsRegistry()],
  });
  return httpDuration;
}

import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * The app's Prometheus registry, a provider like any other: each app (and each app a test boots in the
 * same process) has its own, so nothing is registered twice and nothing leaks between apps.
 */
@Injectable()
export class MetricsRegistry extends Registry {
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status'>;

  constructor() {
    super();
    collectDefaultMetrics({ register: this });
    this.httpRequestDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this],
    });
  }
}

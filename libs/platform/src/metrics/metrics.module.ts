import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';

/** Prometheus `/metrics`: process defaults plus HTTP latency by route (see httpMetricsMiddleware). */
@Module({ controllers: [MetricsController] })
export class MetricsModule {}

import type { DynamicModule, Type } from '@nestjs/common';
import type { EngineOptions } from './engine/engine';
import { EngineModule } from './engine/engine.module';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { MongoModule } from './mongo/mongo.module';

export interface PlatformOptions {
  service: string;
  logLevel: string;
  mongoUrl: string;
  engine: EngineOptions;
}

/** What every service process is built on: logs, store, engine, health, metrics. */
export function platformModules(options: PlatformOptions): (DynamicModule | Type)[] {
  return [
    LoggingModule.forRoot({ level: options.logLevel, service: options.service }),
    MongoModule.forRoot({ uri: options.mongoUrl }),
    EngineModule.forRoot(options.engine),
    HealthModule,
    MetricsModule,
  ];
}

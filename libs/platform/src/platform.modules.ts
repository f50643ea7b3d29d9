import type { DynamicModule, Type } from '@nestjs/common';
import type { EngineOptions } from './engine/engine';
import { EngineModule } from './engine/engine.module';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { MongoModule } from './mongo/mongo.module';
import { SqliteModule } from './sqlite/sqlite.module';
import type { StoreOptions } from './store/store.options';

export interface PlatformOptions {
  service: string;
  logLevel: string;
  store: StoreOptions;
  engine: EngineOptions;
}

/** What every service process is built on: logs, store, engine, health, metrics. */
export function platformModules(options: PlatformOptions): (DynamicModule | Type)[] {
  return [
    LoggingModule.forRoot({ level: options.logLevel, service: options.service }),
    options.store.kind === 'mongo'
      ? MongoModule.forRoot({ uri: options.store.url })
      : SqliteModule.forRoot({ path: options.store.path, synchronous: options.store.synchronous }),
    EngineModule.forRoot(options.engine),
    HealthModule,
    MetricsModule,
  ];
}

import { DynamicModule, Module } from '@nestjs/common';
import { DrainOnShutdown, SHUTDOWN_OPTIONS, type ShutdownOptions } from './drain-on-shutdown.service';

@Module({})
export class ShutdownModule {
  static forRoot(options: ShutdownOptions): DynamicModule {
    return {
      module: ShutdownModule,
      providers: [{ provide: SHUTDOWN_OPTIONS, useValue: options }, DrainOnShutdown],
    };
  }
}

import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { ReadinessState } from '../health/readiness.state';

export const SHUTDOWN_OPTIONS = Symbol('SHUTDOWN_OPTIONS');

export interface ShutdownOptions {
  /** Upper bound on the whole shutdown; past it the process exits regardless (ms). */
  graceMs: number;
}

/**
 * On SIGTERM: readiness turns false first, so the balancer stops routing here while Nest closes
 * the server and lets in-flight requests finish. A watchdog bounds the whole shutdown.
 */
@Injectable()
export class DrainOnShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger(DrainOnShutdown.name);

  constructor(
    private readonly readiness: ReadinessState,
    @Inject(SHUTDOWN_OPTIONS) private readonly options: ShutdownOptions,
  ) {}

  beforeApplicationShutdown(signal?: string): void {
    if (!signal) return;
    this.logger.log(`${signal} received: draining`);
    this.readiness.beginDrain();
    setTimeout(() => {
      this.logger.error(`shutdown exceeded ${this.options.graceMs} ms; exiting`);
      process.exit(1);
    }, this.options.graceMs).unref();
  }
}

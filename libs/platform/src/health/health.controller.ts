import { Controller, Get } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { Public } from '../http/public.decorator';
import { StoreProbe } from '../store/store-probe';
import { ReadinessState } from './readiness.state';

/**
 * `/healthz` is liveness: the event loop answers. `/readyz` is readiness: start-up work done (see
 * ReadinessState.holdUntil), not draining, and the store answers.
 * Redis is deliberately not part of readiness: a Redis blip must not pull every replica out of the balancer.
 */
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly store: StoreProbe,
    private readonly readiness: ReadinessState,
  ) {}

  @Public()
  @Get('healthz')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('readyz')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.drainIndicator(),
      () => this.startupIndicator(),
      () => this.storeIndicator(),
    ]);
  }

  private async storeIndicator(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('store');
    try {
      await this.store.ping(2000);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: String(error) });
    }
  }

  private startupIndicator(): HealthIndicatorResult {
    const indicator = this.indicators.check('startup');
    const pending = this.readiness.pendingStartup;
    return pending.length > 0 ? indicator.down({ waitingFor: pending }) : indicator.up();
  }

  private drainIndicator(): HealthIndicatorResult {
    const indicator = this.indicators.check('drain');
    return this.readiness.isDraining ? indicator.down({ draining: true }) : indicator.up();
  }
}

import { Controller, Get } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  MongooseHealthIndicator,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { Public } from '../http/public.decorator';
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
    private readonly mongo: MongooseHealthIndicator,
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
      () => this.mongo.pingCheck('mongo', { timeout: 2000 }),
    ]);
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

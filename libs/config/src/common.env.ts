import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { ToInt } from './env.transforms';

/** Settings every process shares. */
export class CommonEnv {
  /** Port the HTTP server listens on. */
  @ToInt() @IsInt() @Min(0) @Max(65535) PORT = 3000;

  /** Interface the HTTP server binds. @default 0.0.0.0 */
  @IsString() HOST = '0.0.0.0';

  /** pino level. @default info */
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';

  /**
   * Which proxies to believe for the client address (Express `trust proxy`): `false` (default, none),
   * `true` (all), a hop count, or a comma-separated list of addresses/subnets such as `loopback,10.0.0.0/8`.
   */
  @IsString() TRUST_PROXY = 'false';

  /** `production` makes missing secrets fatal instead of generated. */
  @IsOptional() @IsString() NODE_ENV?: string;

  /** Upper bound on shutdown after SIGTERM; past it the process exits non-zero (ms). */
  @ToInt() @IsInt() @Min(0) SHUTDOWN_GRACE_MS = 10_000;

  /** After SIGTERM, readiness is false this long before the server stops accepting (ms). */
  @ToInt() @IsInt() @Min(0) SHUTDOWN_DRAIN_DELAY_MS = 0;
}

import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { ToInt } from '@chat/config';

/** The cluster command's settings (`npm run cluster:up`), read once through @chat/config's loader. */
export class ClusterEnv {
  /** The load balancer's port. @default 8080 */
  @ToInt() @IsInt() @Min(1) @Max(65535) CLUSTER_PORT = 8080;

  /** An existing MongoDB, database included. @default the embedded stand-in, in its own process */
  @IsOptional() @IsString() MONGO_URL?: string;

  /** Logs, PIDs and nginx's prefix. @default <repo>/.run/cluster */
  @IsOptional() @IsString() CLUSTER_RUN_DIR?: string;

  /** The services' log level. @default info */
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';
}

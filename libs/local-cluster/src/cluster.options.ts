export type ComponentKind = 'nginx' | 'redis' | 'mongo' | 'auth' | 'rooms' | 'gateway';

export interface ClusterOptions {
  /** Where logs, PIDs, nginx's prefix and the signing key go; emptied on start. @default <repo>/.run/cluster */
  runDir?: string;
  /** The load balancer's port on 127.0.0.1. @default 8080 */
  port?: number;
  /** An existing MongoDB (database included); when absent the embedded stand-in runs in its own process. */
  mongoUrl?: string;
  /** @default 3 */
  gateways?: number;
  /** @default 2 */
  auth?: number;
  /** @default 2 */
  rooms?: number;
  /** Extra environment per kind of service, e.g. rate limits for a test. */
  env?: Partial<Record<'auth' | 'rooms' | 'gateway', Record<string, string>>>;
  /** Service log level. @default info */
  logLevel?: string;
  /** The repository root, for deploy/ and dist/. @default found from this file */
  rootDir?: string;
}

/** What the cluster knows of one running component. */
export interface ComponentInfo {
  name: string;
  kind: ComponentKind;
  port: number;
  pid: number | undefined;
  running: boolean;
  logFile: string;
}

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ComponentKind } from './cluster.options';
import type { ManagedProcessSpec } from './managed-process';
import { nginxArgs } from './nginx-prefix';
import { httpReady, redisReady, tcpReady } from './readiness';

/** Everything a component's spec is made from; ports are fixed for the run so a restart keeps them. */
export interface ClusterPlan {
  rootDir: string;
  runDir: string;
  lbPort: number;
  redisPort: number;
  mongoPort: number | null;
  mongoUrl: string;
  signingKey: string;
  /** ATTACHMENT_LINK_SECRET of every rooms replica: a link one makes must verify on the other. */
  attachmentLinkSecret: string;
  logLevel: string;
  env: Partial<Record<'auth' | 'rooms' | 'gateway', Record<string, string>>>;
}

export interface ComponentSpec extends ManagedProcessSpec {
  kind: ComponentKind;
  port: number;
  /** Every component keeps a log in the run folder (`cluster:status` and failing tests show it). */
  logFile: string;
}

const entry = (plan: ClusterPlan, app: string) => join(plan.rootDir, 'dist/apps', app, 'src/main.js');

function common(plan: ClusterPlan, port: number): Record<string, string> {
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: plan.logLevel,
    MONGO_URL: plan.mongoUrl,
    REDIS_URL: `redis://127.0.0.1:${plan.redisPort}`,
    // nginx on loopback is the only proxy: believe its X-Forwarded-For, so rate limits see clients.
    TRUST_PROXY: 'loopback',
  };
}

export function nginxSpec(plan: ClusterPlan): ComponentSpec {
  const folder = join(plan.runDir, 'nginx');
  return {
    name: 'nginx',
    kind: 'nginx',
    port: plan.lbPort,
    command: 'nginx',
    args: nginxArgs(folder),
    env: {},
    logFile: join(plan.runDir, 'nginx.log'),
    ready: () => httpReady(`http://127.0.0.1:${plan.lbPort}/healthz`),
  };
}

export function redisSpec(plan: ClusterPlan): ComponentSpec {
  const dir = join(plan.runDir, 'redis');
  mkdirSync(dir, { recursive: true });
  return {
    name: 'redis',
    kind: 'redis',
    port: plan.redisPort,
    command: 'redis-server',
    // No persistence: the chat keeps nothing durable in Redis, and a restart proves it.
    args: [
      '--port',
      String(plan.redisPort),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    env: {},
    logFile: join(plan.runDir, 'redis.log'),
    ready: () => redisReady(plan.redisPort),
  };
}

export function mongoSpec(plan: ClusterPlan, port: number): ComponentSpec {
  const main = join(plan.rootDir, 'dist/libs/testing/src/embedded-mongo/embedded-mongo.main.js');
  return {
    name: 'mongo',
    kind: 'mongo',
    port,
    command: process.execPath,
    args: [main, String(port), join(plan.runDir, 'mongo', 'snapshot.json')],
    env: {},
    logFile: join(plan.runDir, 'mongo.log'),
    ready: () => tcpReady(port),
  };
}

/**
 * The default `fs` attachment store, shared: every rooms replica keeps files in one folder and signs
 * links with one key, so an upload through one replica downloads through the other, as with an RWX volume.
 */
function roomsEnv(plan: ClusterPlan, kind: 'auth' | 'rooms' | 'gateway'): Record<string, string> {
  if (kind !== 'rooms') return {};
  return {
    ATTACHMENT_DIR: join(plan.runDir, 'attachments'),
    ATTACHMENT_LINK_SECRET: plan.attachmentLinkSecret,
  };
}

export function serviceSpec(
  plan: ClusterPlan,
  kind: 'auth' | 'rooms' | 'gateway',
  index: number,
  port: number,
) {
  const name = `${kind}-${index}`;
  const env: Record<string, string> = { ...common(plan, port), ...roomsEnv(plan, kind), ...plan.env[kind] };
  // Through the balancer, so that one auth replica's death does not cut anyone off from the keys.
  if (kind !== 'auth') env.AUTH_JWKS_URL = `http://127.0.0.1:${plan.lbPort}/api/auth/jwks`;
  if (kind === 'auth') {
    env.AUTH_SIGNING_KEY = plan.signingKey;
    env.DATA_DIR = join(plan.runDir, name);
    mkdirSync(env.DATA_DIR, { recursive: true });
  }
  const spec: ComponentSpec = {
    name,
    kind,
    port,
    command: process.execPath,
    args: [entry(plan, kind)],
    env,
    logFile: join(plan.runDir, `${name}.log`),
    ready: () => httpReady(`http://127.0.0.1:${port}/readyz`),
  };
  return spec;
}

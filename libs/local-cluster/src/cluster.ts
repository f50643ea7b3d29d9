import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { embeddedMongoUrl } from '@chat/mongo-stand-in';
import { freePort } from '@chat/platform/runtime';
import {
  mongoSpec,
  nginxSpec,
  redisSpec,
  serviceSpec,
  type ClusterPlan,
  type ComponentSpec,
} from './cluster-components';
import type { ClusterOptions, ComponentInfo, ComponentKind } from './cluster.options';
import { ManagedProcess } from './managed-process';
import { writeNginxPrefix } from './nginx-prefix';
import { cmdlineOf, writePidFile } from './pid-file';
import { writeSigningKey } from './signing-key';

interface Component {
  spec: ComponentSpec;
  process: ManagedProcess;
}

/** The repository root: the nearest folder above this file that holds deploy/nginx/nginx.conf. */
export function findRoot(from = __dirname): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'deploy/nginx/nginx.conf'))) return dir;
  }
  throw new Error(`no repository root above ${from}`);
}

/**
 * The production topology on one machine, on loopback, without containers: nginx (the same
 * deploy/nginx/nginx.conf), gateways, auth and rooms replicas, Redis, and MongoDB (given, or the
 * stand-in). Components are addressed by name (`gateway-1`, `auth-2`, `redis`, `nginx`, `mongo`) to
 * kill, stop, pause, resume or restart them; ports stay fixed for the run so a restart rejoins.
 */
export class Cluster {
  private readonly components = new Map<string, Component>();
  private readonly options: ClusterOptions;
  readonly rootDir: string;
  readonly runDir: string;
  readonly port: number;

  constructor(options: ClusterOptions = {}) {
    this.options = options;
    this.rootDir = options.rootDir ?? findRoot();
    this.runDir = resolve(options.runDir ?? join(this.rootDir, '.run/cluster'));
    this.port = options.port ?? 8080;
  }

  /** The one base URL: the load balancer. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pidFile(): string {
    return join(this.runDir, 'pids.json');
  }

  get names(): string[] {
    return [...this.components.keys()];
  }

  /** Starts everything in dependency order and waits for each to be ready; stops what started on failure. */
  async start(): Promise<void> {
    rmSync(this.runDir, { recursive: true, force: true });
    mkdirSync(this.runDir, { recursive: true });
    try {
      const plan = await this.plan();
      await this.launch(redisSpec(plan));
      if (plan.mongoPort !== null) await this.launch(mongoSpec(plan, plan.mongoPort));
      const ports = { auth: [] as number[], rooms: [] as number[], gateway: [] as number[] };
      const services = [] as ComponentSpec[];
      for (const kind of ['auth', 'rooms', 'gateway'] as const) {
        for (
          let index = 1;
          index <= (this.options[kind === 'gateway' ? 'gateways' : kind] ?? (kind === 'gateway' ? 3 : 2));
          index++
        ) {
          const port = await freePort();
          ports[kind].push(port);
          services.push(serviceSpec(plan, kind, index, port));
        }
      }
      writeNginxPrefix(
        join(this.runDir, 'nginx'),
        join(this.rootDir, 'deploy/nginx/nginx.conf'),
        this.port,
        ports,
        join(this.rootDir, 'dist/web'),
      );
      // nginx first: rooms and gateways fetch the JWKS through it, lazily, once auth is up.
      await this.launch(nginxSpec(plan));
      await Promise.all(services.filter((spec) => spec.kind === 'auth').map((spec) => this.launch(spec)));
      await Promise.all(services.filter((spec) => spec.kind !== 'auth').map((spec) => this.launch(spec)));
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /** Stops every component it started: the balancer and services first (SIGTERM), then the stores. */
  async stop(): Promise<void> {
    const order: ComponentKind[] = ['nginx', 'gateway', 'rooms', 'auth', 'redis', 'mongo'];
    for (const kind of order) {
      await Promise.all(
        [...this.components.values()]
          .filter((component) => component.spec.kind === kind)
          .map((component) => component.process.stop('SIGTERM', 15_000)),
      );
    }
    this.savePids();
  }

  info(name: string): ComponentInfo {
    const { spec, process } = this.get(name);
    return {
      name,
      kind: spec.kind,
      port: spec.port,
      pid: process.pid,
      running: process.running,
      logFile: spec.logFile,
    };
  }

  /** The component's own address, bypassing the balancer. */
  directUrl(name: string): string {
    return `http://127.0.0.1:${this.get(name).spec.port}`;
  }

  /** SIGKILL: no goodbye, no drain. Resolves once it is gone. */
  async kill(name: string): Promise<void> {
    await this.get(name).process.stop('SIGKILL');
  }

  /** SIGTERM: a graceful stop (the gateways drain). Resolves once it has exited. */
  async terminate(name: string, timeoutMs = 30_000): Promise<void> {
    await this.get(name).process.stop('SIGTERM', timeoutMs);
  }

  /** SIGSTOP: alive, holding its connections, answering nothing. */
  pause(name: string): void {
    this.get(name).process.signal('SIGSTOP');
  }

  /** SIGCONT after `pause`. */
  resume(name: string): void {
    this.get(name).process.signal('SIGCONT');
  }

  /** Stops it (SIGTERM) when it runs, starts it again on the same port, and waits until ready. */
  async restart(name: string): Promise<void> {
    const { process } = this.get(name);
    await process.stop('SIGTERM', 30_000);
    await process.start();
    this.savePids();
  }

  /** Starts a component that was killed or stopped, on its old port. */
  async revive(name: string): Promise<void> {
    await this.get(name).process.start();
    this.savePids();
  }

  /** Lets this process exit while the components run on (`cluster:up`); `cluster:down` stops them. */
  detach(): void {
    for (const { process } of this.components.values()) process.detach();
  }

  private get(name: string): Component {
    const component = this.components.get(name);
    if (!component) throw new Error(`no component named ${name}; known: ${this.names.join(', ')}`);
    return component;
  }

  private async plan(): Promise<ClusterPlan> {
    const mongoPort = this.options.mongoUrl ? null : await freePort();
    return {
      rootDir: this.rootDir,
      runDir: this.runDir,
      lbPort: this.port,
      redisPort: await freePort(),
      mongoPort,
      mongoUrl: this.options.mongoUrl ?? embeddedMongoUrl(mongoPort!),
      signingKey: writeSigningKey(join(this.runDir, 'auth-signing-key.pem')),
      attachmentLinkSecret: randomBytes(32).toString('base64url'),
      logLevel: this.options.logLevel ?? 'info',
      env: this.options.env ?? {},
    };
  }

  private async launch(spec: ComponentSpec): Promise<void> {
    // A group of its own: signals reach nginx's workers too, and the cluster outlives `cluster:up`.
    const process = new ManagedProcess({ ...spec, ownProcessGroup: true });
    this.components.set(spec.name, { spec, process });
    await process.start();
    this.savePids();
  }

  private savePids(): void {
    const entries = [...this.components.values()].flatMap(({ spec, process }) => {
      const cmdline = process.running && process.pid ? cmdlineOf(process.pid) : null;
      return cmdline && process.pid ? [{ name: spec.name, pid: process.pid, cmdline }] : [];
    });
    writePidFile(this.pidFile, entries);
  }
}

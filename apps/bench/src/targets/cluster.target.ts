import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@chat/platform/runtime';
import type { BenchRoom, BenchTarget } from '../bench-target';
import { addressesByGateway, Cluster } from '@chat/local-cluster';
import { chatRoom } from './chat-room';

/** Limits raised so that they do not cap the sweep; everything else as deployed. */
const BENCH_ENV = {
  auth: { RATE_LIMIT_REGISTER_PER_MINUTE: '1000000' },
  gateway: { RATE_LIMIT_SEND_POINTS: '1000000', RATE_LIMIT_SOCKET_EVENT_POINTS: '1000000' },
};

/**
 * G2: the local cluster (apps/cluster): nginx in front, `gateways` gateway replicas, one auth and one
 * rooms replica, Redis and the MongoDB stand-in, each its own process. Receivers reach the gateways
 * through nginx, alternating between them by source address; the sender sits on the first gateway, so
 * every other receiver is served across Redis.
 */
export class ClusterTarget implements BenchTarget {
  readonly name = 'G2';
  readonly description: string;
  private cluster?: Cluster;
  private runDir = '';
  private started = false;

  constructor(private readonly gateways = 2) {
    this.description = `chat cluster: nginx, ${gateways} gateways, auth, rooms, Redis, store stand-in`;
  }

  async start(): Promise<void> {
    this.runDir = mkdtempSync(join(tmpdir(), 'chat-bench-cluster-'));
    this.cluster = new Cluster({
      port: await freePort(),
      runDir: this.runDir,
      gateways: this.gateways,
      auth: 1,
      rooms: 1,
      logLevel: 'error',
      env: BENCH_ENV,
    });
    await this.cluster.start();
    this.started = true;
  }

  async connect(receivers: number): Promise<BenchRoom> {
    const cluster = this.cluster!;
    const names = Array.from({ length: this.gateways }, (_, i) => `gateway-${i + 1}`);
    // A few addresses per gateway: about 50 sockets each, far from running out of ephemeral ports.
    const byGateway = await addressesByGateway(cluster, names, Math.max(1, Math.ceil(receivers / 100)));
    const gatewayOf = (index: number) => names[index % names.length];
    return chatRoom(cluster.url, receivers, {
      localAddress: (index) => {
        const list = byGateway.get(index === 'sender' ? names[0] : gatewayOf(index))!;
        return list[index === 'sender' ? 0 : Math.floor(index / names.length) % list.length];
      },
      remote: (index) => gatewayOf(index) !== names[0],
    });
  }

  serverPids(): number[] {
    const cluster = this.cluster;
    if (!cluster) return [];
    return cluster.names.filter((name) => name !== 'mongo').flatMap((name) => cluster.info(name).pid ?? []);
  }

  databasePids(): number[] {
    const pid = this.cluster?.names.includes('mongo') ? this.cluster.info('mongo').pid : undefined;
    return pid ? [pid] : [];
  }

  async stop(): Promise<void> {
    await this.cluster?.stop();
    // A cluster that failed to start keeps its folder: the components' logs say why.
    if (this.started) rmSync(this.runDir, { recursive: true, force: true });
  }
}

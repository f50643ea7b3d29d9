import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@chat/platform/runtime';
import { Cluster } from '@chat/local-cluster';
import { describeNoise, noiseCheck } from '../machine/noise-check';
import { cpuPlan, pinSelf, pinTree, type CpuPlan } from '../machine/pinning';
import { capacityTable, type CapacityResult } from './capacity-report';
import { measureIdleSockets } from './idle-sockets';
import { reconnectStorm, type StormResult } from './reconnect-storm';
import { measureSendAck } from './send-ack';
import { measureStandaloneMemory } from './standalone-memory';
import { Swarm } from './swarm';
import { mintTokens } from './token-mint';

export interface CapacityOptions {
  sockets: string;
  storm: string;
  ackRate: string;
  ackSenders: string;
  ackDuration: string;
  memoryMessages: string;
  cluster: boolean;
  pin: boolean;
  serverCpus: string;
  clientCpus: string;
  out: string;
}

/** One gateway replica behind nginx, with one auth and one rooms replica, Redis and the store stand-in. */
async function startCluster(): Promise<Cluster> {
  const cluster = new Cluster({
    port: await freePort(),
    runDir: mkdtempSync(join(tmpdir(), 'chat-capacity-')),
    gateways: 1,
    auth: 1,
    rooms: 1,
    logLevel: 'error',
    env: {
      auth: { RATE_LIMIT_REGISTER_PER_MINUTE: '1000000' },
      gateway: {
        RATE_LIMIT_SEND_POINTS: '1000000',
        RATE_LIMIT_SOCKET_EVENT_POINTS: '1000000',
        // A restarted gateway's clients come back within a second, as after any short drain.
        DRAIN_RECONNECT_JITTER_MS: '1000',
      },
    },
  });
  await cluster.start();
  return cluster;
}

/** The gateway's figures on the local cluster: idle sockets, storms, send→ack. */
async function measureCluster(
  options: CapacityOptions,
  plan: CpuPlan | null,
): Promise<Omit<CapacityResult, 'standaloneMemory'>> {
  const levels = options.sockets.split(',').map(Number);
  const stormClients = Number(options.storm);
  const cluster = await startCluster();
  const pinServers = () =>
    pinTree(
      cluster.names.flatMap((name) => cluster.info(name).pid ?? []),
      plan,
    );
  pinServers();
  // Two client processes: each stays well under the open-file limit (20,000 here) with 5,000 sockets.
  const swarm = await Swarm.start(2);
  try {
    const tokens = await mintTokens(cluster.url, cluster.runDir, Math.max(...levels, stormClients));
    const idle = await measureIdleSockets(cluster, swarm, tokens, levels);
    const storms: StormResult[] = [];
    for (const component of ['nginx', 'gateway-1'] as const) {
      storms.push(await reconnectStorm(cluster, swarm, tokens.slice(0, stormClients), component, pinServers));
    }
    const sendAck = await measureSendAck(
      cluster.url,
      Number(options.ackRate),
      Number(options.ackSenders),
      Number(options.ackDuration) * 1000,
    );
    return { idle, storms, sendAck };
  } finally {
    await swarm.stop();
    await cluster.stop();
    rmSync(cluster.runDir, { recursive: true, force: true });
  }
}

/**
 * Per-replica capacity of the gateway: idle sockets and their memory, handshakes per second, recovery
 * from a reconnect storm (nginx restarted, then the gateway), and durable send→ack latency; and the
 * single process's memory as its stored history grows.
 */
export async function runCapacity(options: CapacityOptions): Promise<void> {
  const began = Date.now();
  const plan = cpuPlan(options.pin, options.serverCpus, options.clientCpus);
  pinSelf(plan);
  const pinning = plan
    ? `load generator on CPU ${plan.client}, servers on CPU ${plan.servers}`
    : 'not pinned';
  const noise = await noiseCheck();
  console.log(`pinning: ${pinning}\nnoise: ${describeNoise(noise)}`);
  const memoryLevels = options.memoryMessages.split(',').filter(Boolean).map(Number);
  const standaloneMemory = memoryLevels.length > 0 ? await measureStandaloneMemory(memoryLevels, plan) : null;
  const result: CapacityResult = options.cluster
    ? { ...(await measureCluster(options, plan)), standaloneMemory }
    : { idle: null, storms: [], sendAck: null, standaloneMemory };
  const durationSeconds = Math.round((Date.now() - began) / 1000);
  mkdirSync(options.out, { recursive: true });
  const file = join(options.out, `capacity-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ options, pinning, noise, durationSeconds, ...result }, null, 2));
  console.log(
    `\n${capacityTable(result)}\n\npinning: ${pinning}\nnoise: ${describeNoise(noise)}\n` +
      `run took ${durationSeconds} s; raw results: ${file}`,
  );
}

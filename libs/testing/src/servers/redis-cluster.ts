import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { freePort } from '@chat/platform/runtime';
import { waitForRedis } from './redis-server';

const run = promisify(execFile);

export interface LocalRedisCluster {
  /** `host:port` of every primary, as REDIS_CLUSTER_NODES takes them. */
  nodes: string[];
  /** Keys held by each primary, in `nodes` order: shows where the keyspace went. */
  keysPerNode(): Promise<number[]>;
  stop(): Promise<void>;
}

interface ClusterNode {
  port: number;
  process: ChildProcess;
  exited: Promise<void>;
}

/** One cluster-enabled redis-server; the bus port is chosen too, since port + 10000 may be taken. */
async function startNode(dir: string): Promise<ClusterNode> {
  const [port, busPort] = [await freePort(), await freePort()];
  const child = spawn(
    'redis-server',
    [
      ...['--port', String(port), '--cluster-port', String(busPort), '--bind', '127.0.0.1'],
      ...['--cluster-enabled', 'yes', '--cluster-config-file', join(dir, `nodes-${port}.conf`)],
      ...['--save', '', '--appendonly', 'no', '--dir', dir],
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('error', (error) => {
    throw new Error(`redis-server could not start (is it installed?): ${error.message}`);
  });
  await waitForRedis(`redis://127.0.0.1:${port}`);
  return { port, process: child, exited };
}

async function clusterStateOk(port: number, primaries: number): Promise<boolean> {
  const client = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    const info = (await client.call('CLUSTER', 'INFO')) as string;
    return info.includes('cluster_state:ok') && info.includes(`cluster_known_nodes:${primaries}\r`);
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function waitForClusterOk(ports: number[], timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await Promise.all(ports.map((port) => clusterStateOk(port, ports.length)))).every(Boolean)) {
    if (Date.now() > deadline) throw new Error('Redis Cluster did not reach cluster_state:ok');
    await sleep(100);
  }
}

/**
 * A throwaway Redis Cluster of `primaries` primaries (no replicas) from the `redis-server` and `redis-cli`
 * on the PATH, on free loopback ports, with no persistence, in a temp folder that `stop` removes. It never
 * joins a server someone left running: every node is started here.
 */
export async function startLocalRedisCluster(primaries = 3): Promise<LocalRedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'chat-redis-cluster-'));
  const started: ClusterNode[] = [];
  const stop = async () => {
    for (const node of started) if (node.process.exitCode === null) node.process.kill('SIGKILL');
    await Promise.all(started.map((node) => node.exited));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let index = 0; index < primaries; index += 1) started.push(await startNode(dir));
    const nodes = started.map((node) => `127.0.0.1:${node.port}`);
    await run('redis-cli', ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes']);
    await waitForClusterOk(started.map((node) => node.port));
    const keysPerNode = () =>
      Promise.all(
        started.map(async (node) => {
          const client = new Redis(node.port, '127.0.0.1', { maxRetriesPerRequest: 1 });
          try {
            return await client.dbsize();
          } finally {
            client.disconnect();
          }
        }),
      );
    return { nodes, keysPerNode, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

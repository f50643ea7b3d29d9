import type { Cluster } from '@chat/local-cluster';
import { settledGatewayMemory, type GatewayMemory } from './gateway-memory';
import { split, type Swarm } from './swarm';

export interface IdleLevel {
  sockets: number;
  memory: GatewayMemory;
  rssKbPerSocket: number;
  heapKbPerSocket: number;
  /** Handshakes per second (token verified) while reaching this level from the previous one. */
  connectsPerSecond: number;
  failed: number;
}

export interface IdleResult {
  baseline: GatewayMemory;
  levels: IdleLevel[];
  firstError?: string;
}

/** Source addresses 127.0.0.10…: at most 1,000 sockets each, far from the ephemeral port range. */
export const sourceAddresses = (sockets: number, first = 10) =>
  Array.from({ length: Math.ceil(sockets / 1000) }, (_, i) => `127.0.0.${first + i}`);

/**
 * Connects idle authenticated sockets straight to one gateway (nginx would hold two descriptors per
 * socket) up to each level, and reads the gateway's memory (lowest of a few readings over 3 s).
 * Per-socket figures are (level − baseline) / sockets; V8 collects when it likes, so heap figures are
 * an upper bound.
 */
export async function measureIdleSockets(
  cluster: Cluster,
  swarm: Swarm,
  tokens: string[],
  levels: number[],
): Promise<IdleResult> {
  const gateway = cluster.info('gateway-1');
  const url = cluster.directUrl('gateway-1');
  const baseline = await settledGatewayMemory(gateway.pid!, url);
  const addresses = sourceAddresses(Math.max(...levels));
  const result: IdleResult = { baseline, levels: [] };
  let reached = 0;
  for (const level of levels) {
    const batch = tokens.slice(reached, level);
    const started = Date.now();
    const replies = await swarm.ask(
      split(batch, swarm.size).map((share, index) => ({
        op: 'connect' as const,
        url,
        tokens: share,
        addresses: addresses.filter((_, i) => i % swarm.size === index),
        concurrency: 50,
        reconnection: false,
      })),
    );
    const elapsedMs = Date.now() - started;
    reached = level;
    result.firstError ??= replies.find((reply) => reply.firstError)?.firstError;
    const memory = await settledGatewayMemory(gateway.pid!, url);
    const sockets = await swarm.connected();
    const per = (now: number, base: number) => Math.round(((now - base) / Math.max(1, sockets)) * 100) / 100;
    result.levels.push({
      sockets,
      memory,
      rssKbPerSocket: per(memory.rssKb, baseline.rssKb),
      heapKbPerSocket: per(memory.heapUsedKb, baseline.heapUsedKb),
      connectsPerSecond: Math.round((batch.length * 1000) / elapsedMs),
      failed: replies.reduce((sum, reply) => sum + (reply.failed ?? 0), 0),
    });
    console.log(
      `idle sockets: ${sockets} on gateway-1, RSS ${memory.rssKb} KB, heap ${memory.heapUsedKb} KB, ` +
        `${result.levels.at(-1)!.connectsPerSecond} connects/s`,
    );
  }
  await swarm.closeSockets();
  return result;
}

import { setTimeout as sleep } from 'node:timers/promises';
import { rssKb } from '../machine/process-cpu';

/** The gateway's resident set (from /proc) and V8 heap in use (from its own /metrics), in KB. */
export interface GatewayMemory {
  rssKb: number;
  heapUsedKb: number;
}

/** Reads a gauge such as `nodejs_heap_size_used_bytes 1234` from Prometheus text. */
export function gaugeValue(metrics: string, name: string): number {
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(metrics);
  return match ? Number(match[1]) : Number.NaN;
}

/** One reading now. */
export async function gatewayMemory(pid: number, directUrl: string): Promise<GatewayMemory> {
  const metrics = await (await fetch(`${directUrl}/metrics`)).text();
  return {
    rssKb: rssKb(pid),
    heapUsedKb: Math.round(gaugeValue(metrics, 'nodejs_heap_size_used_bytes') / 1024),
  };
}

/**
 * The lowest of a few readings over `spanMs`: the gateway's garbage collector cannot be triggered from
 * outside, and the lowest heap seen is the closest to what is live.
 */
export async function settledGatewayMemory(
  pid: number,
  directUrl: string,
  spanMs = 3000,
): Promise<GatewayMemory> {
  const readings: GatewayMemory[] = [];
  for (let i = 0; i < 6; i++) {
    readings.push(await gatewayMemory(pid, directUrl));
    await sleep(spanMs / 6);
  }
  return {
    rssKb: Math.min(...readings.map((reading) => reading.rssKb)),
    heapUsedKb: Math.min(...readings.map((reading) => reading.heapUsedKb)),
  };
}

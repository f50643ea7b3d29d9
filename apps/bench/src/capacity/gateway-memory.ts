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

export async function gatewayMemory(pid: number, directUrl: string): Promise<GatewayMemory> {
  const metrics = await (await fetch(`${directUrl}/metrics`)).text();
  return {
    rssKb: rssKb(pid),
    heapUsedKb: Math.round(gaugeValue(metrics, 'nodejs_heap_size_used_bytes') / 1024),
  };
}

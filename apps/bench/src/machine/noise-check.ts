import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { idleShares, parseCpuStat } from './proc-stat';

/** How busy the machine was just before a measurement. */
export interface NoiseSample {
  at: string;
  /** 1-minute load average. */
  loadavg1: number;
  /** Idle share of each CPU over one second, 0–1. */
  idle: Record<string, number>;
  /** A fixed busy loop on the load generator's CPU, ms: min and max of 3 runs (spread = interference). */
  busyLoopMs: { min: number; max: number };
}

const readCpuStat = () => parseCpuStat(readFileSync('/proc/stat', 'utf8'));

/** A fixed amount of integer work, about 50 ms on an idle core of this machine. */
function busyLoop(): number {
  const start = process.hrtime.bigint();
  let x = 0;
  for (let i = 0; i < 30_000_000; i++) x = (x + i * 7) % 1_000_003;
  if (x < 0) console.log(x); // keeps the loop from being optimised away
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** One second of /proc/stat idle accounting, then the busy loop three times. */
export async function noiseCheck(): Promise<NoiseSample> {
  const before = readCpuStat();
  await sleep(1000);
  const idle = idleShares(before, readCpuStat());
  const loops = [busyLoop(), busyLoop(), busyLoop()];
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    at: new Date().toISOString(),
    loadavg1: round(loadavg()[0]),
    idle: Object.fromEntries(Object.entries(idle).map(([cpu, share]) => [cpu, round(share)])),
    busyLoopMs: { min: round(Math.min(...loops)), max: round(Math.max(...loops)) },
  };
}

/** One line for the console and the report. */
export function describeNoise(sample: NoiseSample): string {
  const idle = Object.entries(sample.idle)
    .map(([cpu, share]) => `${cpu} ${Math.round(share * 100)}%`)
    .join(', ');
  return (
    `loadavg ${sample.loadavg1}; idle over 1 s: ${idle}; busy loop ` +
    `${sample.busyLoopMs.min}–${sample.busyLoopMs.max} ms`
  );
}

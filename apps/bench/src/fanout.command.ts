import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchPayload, BenchRoom, BenchTarget, DeliveryHandler } from './bench-target';
import { waitUntilQuiet } from './machine/cpu-settle';
import { describeNoise, noiseCheck, type NoiseSample } from './machine/noise-check';
import { cpuPlan, pinSelf, pinTree, type CpuPlan } from './machine/pinning';
import { processTree } from './machine/process-cpu';
import { markdownReport } from './report';
import { runStep, type StepResult } from './run-step';
import { sustained } from './summary';
import { ClusterTarget } from './targets/cluster.target';
import { RawRedisTarget } from './targets/raw-redis.target';
import { RawSingleTarget } from './targets/raw-single.target';
import { StandaloneTarget } from './targets/standalone.target';

export interface FanoutOptions {
  targets: string;
  rates: string;
  referenceRate: string;
  stopAfter: string;
  duration: string;
  reps: string;
  receivers: string;
  size: string;
  gateways: string;
  pin: boolean;
  serverCpus: string;
  clientCpus: string;
  out: string;
}

const AVAILABLE: Record<string, (options: FanoutOptions) => BenchTarget> = {
  B1: () => new RawSingleTarget(),
  B2: () => new RawRedisTarget(),
  G1: () => new StandaloneTarget(),
  G2: (options) => new ClusterTarget(Number(options.gateways)),
};

interface Connected {
  target: BenchTarget;
  room: BenchRoom;
  sink: { current: DeliveryHandler };
  pids: number[];
  databasePids: number[];
}

const ignore: DeliveryHandler = (_payload: BenchPayload) => undefined;

/** Starts a target, pins its processes to the server CPUs and connects the room. */
async function connectTarget(
  target: BenchTarget,
  receivers: number,
  plan: CpuPlan | null,
): Promise<Connected> {
  console.log(`starting ${target.name} (${target.description}) and connecting ${receivers} receivers`);
  await target.start();
  pinTree(target.serverPids(), plan);
  // Off the servers' core: on the load generator's, as a database on another machine would be.
  const databasePids = target.databasePids?.() ?? [];
  if (plan && databasePids.length > 0) pinTree(databasePids, { ...plan, servers: plan.client });
  const room = await target.connect(receivers);
  const sink = { current: ignore };
  room.onDelivery((payload, remote) => sink.current(payload, remote));
  return {
    target,
    room,
    sink,
    pids: processTree(target.serverPids()),
    databasePids: processTree(databasePids),
  };
}

/**
 * The fan-out sweep: every target started once, then for each repetition, for each rate, each target in
 * turn (interleaved). Above the reference rate a target stops climbing in a repetition after
 * `stopAfter` failed rates in a row: past its ceiling more steps only cost time.
 */
export async function runFanout(options: FanoutOptions): Promise<void> {
  const began = Date.now();
  const plan = cpuPlan(options.pin, options.serverCpus, options.clientCpus);
  pinSelf(plan);
  const pinning = plan
    ? `load generator on CPU ${plan.client}, every server process of the target on CPU ${plan.servers}`
    : 'not pinned';
  console.log(`pinning: ${pinning}`);
  const noise: NoiseSample[] = [await noiseCheck()];
  console.log(`noise before start: ${describeNoise(noise[0])}`);
  const targets = options.targets.split(',').map((name) => {
    const make = AVAILABLE[name.trim()];
    if (!make) throw new Error(`unknown target ${name}; known: ${Object.keys(AVAILABLE).join(', ')}`);
    return make(options);
  });
  const rates = options.rates.split(',').map(Number);
  const referenceRate = Number(options.referenceRate);
  const receivers = Number(options.receivers);
  const reps = Number(options.reps);
  const body = 'x'.repeat(Number(options.size));
  const connected: Connected[] = [];
  const results: StepResult[] = [];
  try {
    for (const target of targets) connected.push(await connectTarget(target, receivers, plan));
    for (let rep = 1; rep <= reps; rep++) {
      const sample = await noiseCheck();
      noise.push(sample);
      console.log(`rep ${rep} noise: ${describeNoise(sample)}`);
      const failedInARow = new Map<string, number>();
      for (const rate of rates) {
        for (const { target, room, sink, pids, databasePids } of connected) {
          const failures = failedInARow.get(target.name) ?? 0;
          if (rate > referenceRate && failures >= Number(options.stopAfter)) continue;
          await waitUntilQuiet(pids);
          const step = await runStep(room, (next) => (sink.current = next), {
            target: target.name,
            rate,
            rep,
            durationMs: Number(options.duration) * 1000,
            receivers,
            body,
            serverPids: pids,
            databasePids,
          });
          results.push(step);
          failedInARow.set(target.name, sustained(step) ? 0 : failures + 1);
          console.log(
            `rep ${rep} ${target.name} ${rate} msg/s: ${step.deliveredPerSecond} deliveries/s, p50 ${step.latency.p50} ms, ` +
              `p99 ${step.latency.p99} ms, max ${step.latency.max} ms, lost ${step.lost}, ack errors ${step.ackErrors}, ` +
              `server ${step.serverCpuMicrosPerDelivery} CPU-µs/delivery (${step.serverCores} cores), ` +
              `client ${step.clientCores} cores` +
              (sustained(step) ? '' : '  (not sustained)'),
          );
        }
      }
    }
  } finally {
    for (const { room } of connected) room.close();
    for (const target of targets) await target.stop().catch((error: unknown) => console.error(error));
  }
  const durationSeconds = Math.round((Date.now() - began) / 1000);
  const report = markdownReport({ results, targets, referenceRate, reps, receivers });
  mkdirSync(options.out, { recursive: true });
  const file = join(options.out, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ options, pinning, noise, durationSeconds, results }, null, 2));
  console.log(
    `\n${report}\n\npinning: ${pinning}\nnoise: ${noise.map(describeNoise).join('\n       ')}\n` +
      `run took ${durationSeconds} s; raw results: ${file}`,
  );
}

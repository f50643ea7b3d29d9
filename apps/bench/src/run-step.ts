import { setTimeout as sleep } from 'node:timers/promises';
import {
  intendedSendTimes,
  latencyHistogram,
  percentiles,
  recordMs,
  type Percentiles as MeasuredPercentiles,
} from '@chat/load-measure';
import type { BenchRoom, DeliveryHandler } from './bench-target';
import { cpuMicros } from './machine/process-cpu';

/** Percentiles of one histogram, in ms (the count is in the step's own fields). */
export type Percentiles = Omit<MeasuredPercentiles, 'count'>;

export interface StepResult {
  target: string;
  rate: number;
  rep: number;
  sent: number;
  ackErrors: number;
  expected: number;
  delivered: number;
  lost: number;
  deliveredPerSecond: number;
  /** Delivery latency, sender's intended send time → each receiver, in ms. */
  latency: Percentiles;
  /** The same for receivers on another server process than the sender; null when there are none. */
  remoteLatency: Percentiles | null;
  ackP99: number;
  /** CPU (user + system) of every server process of the target over the step, µs per delivery. */
  serverCpuMicrosPerDelivery: number;
  /** CPU of the target's own database process (G2's stand-in), apart from the servers'; null if none. */
  databaseCpuMicrosPerDelivery: number | null;
  /** The target's servers' CPU over the step, in cores (1 = one core busy all the time). */
  serverCores: number;
  /** This process's CPU over the step, in cores: near 1 means the load generator was the limit. */
  clientCores: number;
}

/** After the last send, how long acks and deliveries may still arrive. */
const DRAIN_MS = 3000;

export interface StepOptions {
  target: string;
  rate: number;
  rep: number;
  durationMs: number;
  receivers: number;
  body: string;
  /** The target's server processes, descendants included, for the CPU account. */
  serverPids: number[];
  /** The target's own database process, billed apart. */
  databasePids: number[];
}

/**
 * Offers `rate` messages a second for `durationMs`. Each message carries its *intended* send time, and
 * latency is measured from it, so a sender that falls behind shows up as latency instead of being hidden
 * (no coordinated omission). Loss is counted after a grace period for stragglers (`DRAIN_MS` after the
 * last send); stragglers of an earlier step (intended before this one began) are ignored.
 */
export async function runStep(
  room: BenchRoom,
  setSink: (sink: DeliveryHandler) => void,
  options: StepOptions,
): Promise<StepResult> {
  const delivery = latencyHistogram();
  const remote = latencyHistogram();
  const acks = latencyHistogram();
  let delivered = 0;
  let ackErrors = 0;
  const firstSend = Date.now() + 50;
  const total = Math.round((options.rate * options.durationMs) / 1000);
  setSink((payload, isRemote) => {
    if (payload.t < firstSend) return;
    delivered += 1;
    const latencyMs = Date.now() - payload.t;
    recordMs(delivery, latencyMs);
    if (isRemote) recordMs(remote, latencyMs);
  });
  const serverCpuBefore = cpuMicros(options.serverPids);
  const databaseCpuBefore = cpuMicros(options.databasePids);
  const clientCpuBefore = process.cpuUsage();
  const pending: Promise<void>[] = [];
  let n = 0;
  for (const intended of intendedSendTimes(firstSend, options.rate, 0, options.durationMs, total)) {
    const wait = intended - Date.now();
    if (wait > 1) await sleep(wait);
    const payload = { n: n++, t: intended };
    pending.push(
      room.send(payload, options.body).then(
        () => recordMs(acks, Date.now() - intended),
        () => void (ackErrors += 1),
      ),
    );
  }
  // One drain deadline for acks and deliveries: an overloaded target fails the step in 3 s instead of
  // holding the run for the 10-s ack timeout; sends still unacked then count as ack errors.
  const deadline = Date.now() + DRAIN_MS;
  let acked = false;
  void Promise.all(pending).then(() => (acked = true));
  while (!acked && Date.now() < deadline) await sleep(20);
  const unacked = acked ? 0 : total - ackErrors - acks.totalCount;
  ackErrors += unacked;
  const expected = (total - ackErrors) * options.receivers;
  while (delivered < expected && Date.now() < deadline) await sleep(50);
  const elapsedMs = Date.now() - firstSend;
  const serverCpu = cpuMicros(options.serverPids) - serverCpuBefore;
  const databaseCpu = cpuMicros(options.databasePids) - databaseCpuBefore;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;
  return {
    target: options.target,
    rate: options.rate,
    rep: options.rep,
    sent: total,
    ackErrors,
    expected,
    delivered,
    lost: Math.max(0, expected - delivered),
    deliveredPerSecond: Math.round((delivered * 1000) / elapsedMs),
    latency: percentiles(delivery),
    remoteLatency: remote.totalCount > 0 ? percentiles(remote) : null,
    ackP99: percentiles(acks).p99,
    serverCpuMicrosPerDelivery: delivered > 0 ? round(serverCpu / delivered, 2) : 0,
    databaseCpuMicrosPerDelivery:
      options.databasePids.length === 0 ? null : delivered > 0 ? round(databaseCpu / delivered, 2) : 0,
    serverCores: round(serverCpu / (elapsedMs * 1000), 2),
    clientCores: round((clientCpu.user + clientCpu.system) / (elapsedMs * 1000), 2),
  };
}

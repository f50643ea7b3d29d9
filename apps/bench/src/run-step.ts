import { build } from 'hdr-histogram-js';
import type { BenchPayload, BenchRoom } from './bench-target';

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
  latency: { p50: number; p90: number; p99: number; p999: number; max: number };
  ackP99: number;
}

const histogram = () =>
  build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Offers `rate` messages a second for `durationMs`. Each message carries its *intended* send time, and
 * latency is measured from it, so a sender that falls behind shows up as latency instead of being hidden
 * (no coordinated omission). Loss is counted after a grace period for stragglers.
 */
export async function runStep(
  room: BenchRoom,
  setSink: (sink: (payload: BenchPayload) => void) => void,
  options: { target: string; rate: number; rep: number; durationMs: number; receivers: number; body: string },
): Promise<StepResult> {
  const delivery = histogram();
  const acks = histogram();
  let delivered = 0;
  let ackErrors = 0;
  const firstSend = Date.now() + 50;
  const total = Math.round((options.rate * options.durationMs) / 1000);
  setSink((payload) => {
    delivered += 1;
    delivery.recordValue(Math.max(1, Math.round((Date.now() - payload.t) * 1000)));
  });
  const pending: Promise<void>[] = [];
  for (let n = 0; n < total; n++) {
    const intended = firstSend + (n * 1000) / options.rate;
    const wait = intended - Date.now();
    if (wait > 1) await sleep(wait);
    const payload = { n, t: intended };
    pending.push(
      room.send(payload, options.body).then(
        () => acks.recordValue(Math.max(1, Math.round((Date.now() - intended) * 1000))),
        () => void (ackErrors += 1),
      ),
    );
  }
  await Promise.all(pending);
  const expected = (total - ackErrors) * options.receivers;
  const deadline = Date.now() + 3000;
  while (delivered < expected && Date.now() < deadline) await sleep(50);
  const elapsedSeconds = (Date.now() - firstSend) / 1000;
  const ms = (microseconds: number) => Math.round(microseconds / 10) / 100;
  return {
    target: options.target,
    rate: options.rate,
    rep: options.rep,
    sent: total,
    ackErrors,
    expected,
    delivered,
    lost: Math.max(0, expected - delivered),
    deliveredPerSecond: Math.round(delivered / elapsedSeconds),
    latency: {
      p50: ms(delivery.getValueAtPercentile(50)),
      p90: ms(delivery.getValueAtPercentile(90)),
      p99: ms(delivery.getValueAtPercentile(99)),
      p999: ms(delivery.getValueAtPercentile(99.9)),
      max: ms(delivery.maxValue),
    },
    ackP99: ms(acks.getValueAtPercentile(99)),
  };
}

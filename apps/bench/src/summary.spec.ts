import type { StepResult } from './run-step';
import { judge, summarize } from './summary';

const step = (
  target: string,
  rate: number,
  rep: number,
  p99: number,
  cpu: number,
  remoteP99?: number,
): StepResult => ({
  target,
  rate,
  rep,
  sent: rate,
  ackErrors: 0,
  expected: rate * 200,
  delivered: rate * 200,
  lost: 0,
  deliveredPerSecond: rate * 200,
  latency: { p50: p99 / 2, p90: p99, p99, p999: p99, max: p99 },
  remoteLatency:
    remoteP99 === undefined
      ? null
      : { p50: remoteP99 / 2, p90: remoteP99, p99: remoteP99, p999: remoteP99, max: remoteP99 },
  ackP99: 1,
  serverCpuMicrosPerDelivery: cpu,
  databaseCpuMicrosPerDelivery: null,
  serverCores: 0.5,
  clientCores: 0.5,
});

const targets = ['B1', 'G1', 'B2', 'G2'].map((name) => ({ name, description: name }));

describe('summary', () => {
  it('takes the highest rate sustained in every repetition, and flags a ceiling above the rates tried', () => {
    const results = [1, 2].flatMap((rep) => [
      step('B1', 100, rep, 10, 10),
      step('B1', 200, rep, 20, 8),
      step('G1', 100, rep, 30, 12),
      step('G1', 200, rep, rep === 1 ? 40 : 60, 11),
    ]);
    const [b1, g1] = summarize(results, targets.slice(0, 2), 100, 2);
    expect(b1).toMatchObject({ sustainedRate: 200, ceilingAbove: true });
    expect(g1).toMatchObject({ sustainedRate: 100, ceilingAbove: false });
    expect(g1.atReference?.cpuMicrosPerDelivery).toBe(12);
  });

  it('does not count a rate that was skipped in some repetition', () => {
    const results = [step('B1', 100, 1, 10, 10), step('B1', 100, 2, 10, 10), step('B1', 200, 1, 10, 10)];
    expect(summarize(results, targets.slice(0, 1), 100, 2)[0].sustainedRate).toBe(100);
  });

  it('judges the ratios and the cross-replica latency against the goals', () => {
    const results = [
      step('B1', 100, 1, 10, 10),
      step('G1', 100, 1, 10, 15),
      step('B2', 100, 1, 10, 20, 12),
      step('G2', 100, 1, 10, 30, 30),
    ];
    const lines = judge(summarize(results, targets, 100, 1), 100);
    const byWhat = Object.fromEntries(lines.map((line) => [line.what, line]));
    expect(byWhat['G1/B1 sustained rate']).toMatchObject({ value: 1, met: true });
    expect(byWhat['G1/B1 CPU-µs per delivery at 100 msg/s']).toMatchObject({ value: 1.5, met: false });
    expect(byWhat['G2/B2 CPU-µs per delivery at 100 msg/s']).toMatchObject({ value: 1.5, met: null });
    expect(byWhat['G2 cross-replica p99 at 100 msg/s (ms)']).toMatchObject({ value: 30, met: false });
  });
});

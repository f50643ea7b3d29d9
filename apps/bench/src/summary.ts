import type { StepResult } from './run-step';

export const SUSTAINED_P99_MS = 50;

/** A step is sustained when nothing was lost, every send was acked, and p99 stayed under 50 ms. */
export function sustained(step: StepResult): boolean {
  return step.lost === 0 && step.ackErrors === 0 && step.latency.p99 < SUSTAINED_P99_MS;
}

/** The middle value (the upper middle of an even count); NaN for none. */
export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** One target's figures over the whole run. */
export interface TargetSummary {
  name: string;
  description: string;
  /** Highest rate (msg/s) sustained in every repetition; null when none was. */
  sustainedRate: number | null;
  /** True when that is the highest rate tried: the ceiling lies above it. */
  ceilingAbove: boolean;
  /** Medians over the repetitions at the reference rate; null when it was not run. */
  atReference: {
    p50: number;
    p99: number;
    remoteP50: number | null;
    remoteP99: number | null;
    cpuMicrosPerDelivery: number;
    /** The target's own database process, apart (G2's stand-in); null when it has none. */
    databaseCpuMicrosPerDelivery: number | null;
  } | null;
}

const medianOrNull = (values: (number | undefined)[]) => {
  const present = values.filter((value): value is number => value !== undefined);
  return present.length > 0 ? median(present) : null;
};

/** Reduces the steps of each target to its sustained rate and its figures at the reference rate. */
export function summarize(
  results: StepResult[],
  targets: { name: string; description: string }[],
  referenceRate: number,
  reps: number,
): TargetSummary[] {
  return targets.map(({ name, description }) => {
    const own = results.filter((step) => step.target === name);
    const rates = [...new Set(own.map((step) => step.rate))].sort((a, b) => a - b);
    const held = rates.filter((rate) => {
      const steps = own.filter((step) => step.rate === rate);
      return steps.length === reps && steps.every(sustained);
    });
    const sustainedRate = held.length > 0 ? Math.max(...held) : null;
    const reference = own.filter((step) => step.rate === referenceRate);
    return {
      name,
      description,
      sustainedRate,
      ceilingAbove: sustainedRate !== null && sustainedRate === rates[rates.length - 1],
      atReference:
        reference.length === 0
          ? null
          : {
              p50: median(reference.map((step) => step.latency.p50)),
              p99: median(reference.map((step) => step.latency.p99)),
              remoteP50: medianOrNull(reference.map((step) => step.remoteLatency?.p50)),
              remoteP99: medianOrNull(reference.map((step) => step.remoteLatency?.p99)),
              cpuMicrosPerDelivery: median(reference.map((step) => step.serverCpuMicrosPerDelivery)),
              databaseCpuMicrosPerDelivery: medianOrNull(
                reference.map((step) => step.databaseCpuMicrosPerDelivery ?? undefined),
              ),
            },
    };
  });
}

/** One figure the issue judges, with its goal. */
export interface Judged {
  what: string;
  value: number | null;
  goal: string;
  met: boolean | null;
  /** Why the value is a bound or missing. */
  note?: string;
}

const ratio = (a: number | null | undefined, b: number | null | undefined) =>
  a === null || a === undefined || b === null || b === undefined || b === 0
    ? null
    : Math.round((a / b) * 100) / 100;

/** The ratios G1/B1 and G2/B2 and G2's cross-replica latency, each against the issue's goal. */
export function judge(summaries: TargetSummary[], referenceRate: number): Judged[] {
  const byName = new Map(summaries.map((summary) => [summary.name, summary]));
  const lines: Judged[] = [];
  const pairs: [string, string, number][] = [
    ['G1', 'B1', 0.8],
    ['G2', 'B2', 0.75],
  ];
  for (const [ours, baseline, goal] of pairs) {
    const a = byName.get(ours);
    const b = byName.get(baseline);
    if (!a || !b) continue;
    const rateRatio = ratio(a.sustainedRate ?? 0, b.sustainedRate);
    const capped = [b, a].filter((summary) => summary.ceilingAbove).map((summary) => summary.name);
    lines.push({
      what: `${ours}/${baseline} sustained rate`,
      value: rateRatio,
      goal: `≥ ${goal}`,
      met: rateRatio === null ? null : rateRatio >= goal,
      note: capped.length > 0 ? `${capped.join(', ')} held the highest rate tried` : undefined,
    });
    const cpuRatio = ratio(a.atReference?.cpuMicrosPerDelivery, b.atReference?.cpuMicrosPerDelivery);
    lines.push({
      what: `${ours}/${baseline} CPU-µs per delivery at ${referenceRate} msg/s`,
      value: cpuRatio,
      goal: ours === 'G1' ? '≤ 1.25' : '(reported)',
      met: ours === 'G1' && cpuRatio !== null ? cpuRatio <= 1.25 : null,
    });
  }
  const cluster = byName.get('G2')?.atReference;
  if (cluster) {
    lines.push(
      {
        what: `G2 cross-replica p50 at ${referenceRate} msg/s (ms)`,
        value: cluster.remoteP50,
        goal: '≤ 5',
        met: cluster.remoteP50 === null ? null : cluster.remoteP50 <= 5,
      },
      {
        what: `G2 cross-replica p99 at ${referenceRate} msg/s (ms)`,
        value: cluster.remoteP99,
        goal: '≤ 20',
        met: cluster.remoteP99 === null ? null : cluster.remoteP99 <= 20,
      },
    );
  }
  return lines;
}

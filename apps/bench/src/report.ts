import type { StepResult } from './run-step';
import { judge, median, summarize, sustained } from './summary';

export interface ReportInput {
  results: StepResult[];
  targets: { name: string; description: string }[];
  referenceRate: number;
  reps: number;
  receivers: number;
}

const range = (values: number[]) => `${median(values)} [${Math.min(...values)}–${Math.max(...values)}]`;

/** Per target and rate: medians and ranges over the repetitions, CPU, loss. */
export function stepTable({ results, targets }: ReportInput): string {
  const rates = [...new Set(results.map((r) => r.rate))].sort((a, b) => a - b);
  const lines = [
    '| target | rate (msg/s) | deliveries/s | p50 ms | p99 ms median [range] | cross-process p99 ms | max ms | ' +
      'server CPU-µs/delivery | server cores | client cores | lost | sustained |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const target of targets) {
    for (const rate of rates) {
      const steps = results.filter((r) => r.target === target.name && r.rate === rate);
      if (steps.length === 0) continue;
      const remote = steps.flatMap((s) => (s.remoteLatency ? [s.remoteLatency.p99] : []));
      lines.push(
        `| ${target.name} | ${rate} | ${median(steps.map((s) => s.deliveredPerSecond))} | ` +
          `${median(steps.map((s) => s.latency.p50))} | ${range(steps.map((s) => s.latency.p99))} | ` +
          `${remote.length > 0 ? median(remote) : '–'} | ${Math.max(...steps.map((s) => s.latency.max))} | ` +
          `${range(steps.map((s) => s.serverCpuMicrosPerDelivery))} | ${median(steps.map((s) => s.serverCores))} | ` +
          `${median(steps.map((s) => s.clientCores))} | ${steps.reduce((sum, s) => sum + s.lost + s.ackErrors, 0)} | ` +
          `${steps.filter(sustained).length}/${steps.length} |`,
      );
    }
  }
  return lines.join('\n');
}

/** Per target: the sustained rate, and latency and CPU at the reference rate. */
export function summaryTable(input: ReportInput): string {
  const lines = [
    `| target | what | sustained (msg/s) | deliveries/s | p50 / p99 ms at ${input.referenceRate} msg/s | ` +
      `cross-process p50 / p99 ms | CPU-µs per delivery at ${input.referenceRate} msg/s | ` +
      `its own database, CPU-µs per delivery (apart) |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const s of summarize(input.results, input.targets, input.referenceRate, input.reps)) {
    const rate =
      s.sustainedRate === null
        ? 'none of the rates tried'
        : `${s.ceilingAbove ? '≥ ' : ''}${s.sustainedRate}`;
    const deliveries =
      s.sustainedRate === null ? '–' : `${s.ceilingAbove ? '≥ ' : ''}${s.sustainedRate * input.receivers}`;
    const ref = s.atReference;
    const remote = ref?.remoteP50 === null || !ref ? '–' : `${ref.remoteP50} / ${ref.remoteP99}`;
    lines.push(
      `| ${s.name} | ${s.description} | ${rate} | ${deliveries} | ${ref ? `${ref.p50} / ${ref.p99}` : '–'} | ` +
        `${remote} | ${ref ? ref.cpuMicrosPerDelivery : '–'} | ${ref?.databaseCpuMicrosPerDelivery ?? '–'} |`,
    );
  }
  return lines.join('\n');
}

/** The ratios and goals the issue judges. */
export function ratioTable(input: ReportInput): string {
  const summaries = summarize(input.results, input.targets, input.referenceRate, input.reps);
  const lines = ['| figure | value | goal | met |', '| --- | --- | --- | --- |'];
  for (const line of judge(summaries, input.referenceRate)) {
    const met = line.met === null ? '–' : line.met ? 'yes' : 'no';
    lines.push(
      `| ${line.what} | ${line.value ?? 'n/a'}${line.note ? ` (${line.note})` : ''} | ${line.goal} | ${met} |`,
    );
  }
  return lines.join('\n');
}

export function markdownReport(input: ReportInput): string {
  return [stepTable(input), summaryTable(input), ratioTable(input)].join('\n\n');
}

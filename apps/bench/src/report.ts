import type { StepResult } from './run-step';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

export const SUSTAINED_P99_MS = 50;

/** A step is sustained when nothing was lost, every send was acked, and p99 stayed under 50 ms. */
export function sustained(step: StepResult): boolean {
  return step.lost === 0 && step.ackErrors === 0 && step.latency.p99 < SUSTAINED_P99_MS;
}

/** Markdown: per target and rate, the median and range of p99 over the repetitions, and loss. */
export function markdownReport(
  results: StepResult[],
  targets: { name: string; description: string }[],
): string {
  const rates = [...new Set(results.map((r) => r.rate))].sort((a, b) => a - b);
  const lines = [
    '| target | rate (msg/s) | deliveries/s (median) | p50 ms | p99 ms median [min–max] | p99.9 ms | max ms | lost | sustained |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const target of targets) {
    for (const rate of rates) {
      const steps = results.filter((r) => r.target === target.name && r.rate === rate);
      if (steps.length === 0) continue;
      const p99s = steps.map((s) => s.latency.p99);
      lines.push(
        `| ${target.name} | ${rate} | ${median(steps.map((s) => s.deliveredPerSecond))} | ${median(steps.map((s) => s.latency.p50))} | ` +
          `${median(p99s)} [${Math.min(...p99s)}–${Math.max(...p99s)}] | ${median(steps.map((s) => s.latency.p999))} | ` +
          `${Math.max(...steps.map((s) => s.latency.max))} | ${steps.reduce((sum, s) => sum + s.lost + s.ackErrors, 0)} | ` +
          `${steps.filter(sustained).length}/${steps.length} |`,
      );
    }
  }
  lines.push(
    '',
    '| target | what | highest rate sustained in every repetition (msg/s) |',
    '| --- | --- | --- |',
  );
  for (const target of targets) {
    const ok = rates.filter((rate) => {
      const steps = results.filter((r) => r.target === target.name && r.rate === rate);
      return steps.length > 0 && steps.every(sustained);
    });
    lines.push(
      `| ${target.name} | ${target.description} | ${ok.length > 0 ? Math.max(...ok) : 'none of the rates tried'} |`,
    );
  }
  return lines.join('\n');
}

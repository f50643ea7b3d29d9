import { BUCKETS, formatReport, type DeliveryReport } from '@chat/delivery-checker';
import type { Percentiles } from './latency-histogram';
import type { TimelinePoint } from './load-metrics';
import type { LoadOptions } from './load-options';

export interface ChaosRecord {
  step: string;
  atMs: number;
  tookMs: number;
  error?: string;
}

/** The machine-readable result of a run (written as JSON); `formatLoadReport` prints it. */
export interface LoadReport {
  startedAt: string;
  target: string;
  options: Omit<LoadOptions, 'usersFile'>;
  rooms: { count: number; sizes: number[] };
  prepare: { seconds: number; users: number; reused: number };
  connects: { count: number; failed: number; perSecond: number; latency: Percentiles };
  traffic: {
    seconds: number;
    offeredRate: number;
    sent: number;
    acked: number;
    failed: number;
    delivered: number;
    deliveredPerSecond: number;
    historyReads: number;
  };
  latency: { sendAck: Percentiles; delivery: Percentiles; historyRead: Percentiles };
  percentileCurves: Record<'sendAck' | 'delivery', { percentile: number; ms: number }[]>;
  /** Clients that could not recover their room after the traffic (their misses count as lost). */
  unrecovered: string[];
  reconnects: { count: number; p99Ms: number; maxMs: number };
  errors: Record<string, number>;
  chaos: ChaosRecord[];
  checker: Omit<DeliveryReport, 'buckets'> & { firstFindings: DeliveryReport['buckets'] };
  timeline: TimelinePoint[];
  ok: boolean;
}

/** The delivery checker's verdict, with at most `keep` findings per bucket (a bad run has millions). */
export function summariseChecker(report: DeliveryReport, keep = 20): LoadReport['checker'] {
  const firstFindings = Object.fromEntries(
    BUCKETS.map((bucket) => [bucket, report.buckets[bucket].slice(0, keep)]),
  ) as DeliveryReport['buckets'];
  return { ok: report.ok, counts: report.counts, totals: report.totals, firstFindings };
}

const row = (name: string, p: Percentiles) =>
  `  ${name.padEnd(18)} ${String(p.count).padStart(9)} ${[p.p50, p.p90, p.p99, p.p999, p.max]
    .map((value) => String(value).padStart(9))
    .join('')}`;

export function formatLoadReport(report: LoadReport, checkerTable: DeliveryReport): string {
  const { traffic, connects } = report;
  const errors = Object.entries(report.errors)
    .sort((a, b) => b[1] - a[1])
    .map(([code, count]) => `${code} ${count}`)
    .join(', ');
  return [
    `load test of ${report.target}: ${report.ok ? 'PASS' : 'FAIL'}`,
    `  users ${report.prepare.users} (${report.prepare.reused} reused, prepared in ${report.prepare.seconds} s), ` +
      `rooms ${report.rooms.count} (sizes ${report.rooms.sizes.slice(0, 8).join(', ')}${report.rooms.count > 8 ? ', …' : ''})`,
    `  connects ${connects.count} (${connects.failed} failed) at ${connects.perSecond}/s`,
    `  traffic ${traffic.seconds} s at ${traffic.offeredRate} msg/s offered: sent ${traffic.sent}, acked ${traffic.acked}, ` +
      `failed ${traffic.failed}; delivered ${traffic.delivered} (${traffic.deliveredPerSecond}/s); history reads ${traffic.historyReads}`,
    `  reconnects ${report.reconnects.count} (p99 ${report.reconnects.p99Ms} ms, max ${report.reconnects.maxMs} ms)` +
      (report.unrecovered.length ? `; ${report.unrecovered.length} clients could not recover` : ''),
    `  errors: ${errors || 'none'}`,
    ...report.chaos.map(
      (step) =>
        `  chaos ${step.step} at ${step.atMs} ms, took ${step.tookMs} ms${step.error ? `: ${step.error}` : ''}`,
    ),
    '',
    `  latency (ms)            count      p50      p90      p99    p99.9      max`,
    row('send → ack', report.latency.sendAck),
    row('sender → receiver', report.latency.delivery),
    row('connect', report.connects.latency),
    row('history read', report.latency.historyRead),
    '',
    formatReport(checkerTable, 'delivery checker'),
  ].join('\n');
}

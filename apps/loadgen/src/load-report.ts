import { BUCKETS, formatReport, type DeliveryReport } from '@chat/delivery-checker';
import type { ChaosRecord } from './chaos-plan';
import type { Connections } from './connect-clients';
import { percentileCurve, percentiles, type Percentiles } from '@chat/load-measure';
import type { LoadMetrics, TimelinePoint } from './load-metrics';
import type { LoadOptions } from './load-options';

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
    /** Sends that carried an uploaded file (`--uploads`), and uploads that failed (sent without it). */
    uploads: number;
    uploadsFailed: number;
  };
  latency: { sendAck: Percentiles; delivery: Percentiles; historyRead: Percentiles; upload: Percentiles };
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

const CURVE_POINTS = [0, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 100];
const tenths = (value: number) => Math.round(value * 10) / 10;

/** What a run gathered, phase by phase, for its report. */
export interface RunFacts {
  options: LoadOptions;
  target: string;
  startedAt: number;
  roomSizes: number[];
  prepare: { seconds: number; users: number; reused: number };
  connections: Connections;
  trafficSeconds: number;
  metrics: LoadMetrics;
  chaos: ChaosRecord[];
  delivery: DeliveryReport;
  unrecovered: string[];
}

export function buildLoadReport(facts: RunFacts): LoadReport {
  const { options, metrics, connections, delivery, unrecovered } = facts;
  const reconnects = connections.clients.flatMap(({ client }) => client.reconnects).sort((a, b) => a - b);
  return {
    startedAt: new Date(facts.startedAt).toISOString(),
    target: facts.target,
    options: { ...options, usersFile: undefined } as LoadReport['options'],
    rooms: { count: facts.roomSizes.length, sizes: facts.roomSizes },
    prepare: { ...facts.prepare, seconds: tenths(facts.prepare.seconds) },
    connects: {
      count: connections.clients.length,
      failed: connections.failed,
      perSecond: Math.round(options.users / connections.seconds),
      latency: percentiles(metrics.connect),
    },
    traffic: {
      seconds: tenths(facts.trafficSeconds),
      offeredRate: options.rate,
      sent: metrics.sent,
      acked: metrics.acked,
      failed: metrics.failed,
      delivered: metrics.delivered,
      deliveredPerSecond: Math.round(metrics.delivered / facts.trafficSeconds),
      historyReads: metrics.historyReads,
      uploads: metrics.uploads,
      uploadsFailed: metrics.uploadsFailed,
    },
    latency: {
      sendAck: percentiles(metrics.sendAck),
      delivery: percentiles(metrics.delivery),
      historyRead: percentiles(metrics.history),
      upload: percentiles(metrics.upload),
    },
    percentileCurves: {
      sendAck: percentileCurve(metrics.sendAck, CURVE_POINTS),
      delivery: percentileCurve(metrics.delivery, CURVE_POINTS),
    },
    unrecovered,
    reconnects: {
      count: reconnects.length,
      p99Ms: reconnects.length ? reconnects[Math.ceil(reconnects.length * 0.99) - 1] : 0,
      maxMs: reconnects.at(-1) ?? 0,
    },
    errors: Object.fromEntries(metrics.errors),
    chaos: facts.chaos,
    checker: summariseChecker(delivery),
    timeline: metrics.timeline(),
    ok: delivery.ok && connections.failed === 0 && unrecovered.length === 0,
  };
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
      `failed ${traffic.failed}; delivered ${traffic.delivered} (${traffic.deliveredPerSecond}/s); history reads ${traffic.historyReads}` +
      (traffic.uploads + traffic.uploadsFailed
        ? `; uploads ${traffic.uploads} (${traffic.uploadsFailed} failed)`
        : ''),
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
    ...(report.traffic.uploads ? [row('upload', report.latency.upload)] : []),
    '',
    formatReport(checkerTable, 'delivery checker'),
  ].join('\n');
}

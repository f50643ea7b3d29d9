import type { Histogram } from 'hdr-histogram-js';
import { latencyHistogram, percentiles, recordMs } from '@chat/load-measure';

/** One slice of the run's timeline: what happened in it, and its latency. */
interface Slice {
  sent: number;
  acked: number;
  delivered: number;
  errors: number;
  delivery: Histogram;
  ack: Histogram;
}

export interface TimelinePoint {
  /** Seconds since the traffic started, at the slice's start. */
  t: number;
  sentPerSecond: number;
  deliveredPerSecond: number;
  errors: number;
  deliveryP50: number;
  deliveryP99: number;
  ackP99: number;
}

/**
 * Everything the load kit measures, in HdrHistograms: send→ack, sender→receiver delivery, connect
 * and history-read latency, counters, errors by code, and a timeline in slices of `sliceMs`.
 */
export class LoadMetrics {
  readonly sendAck = latencyHistogram();
  readonly delivery = latencyHistogram();
  readonly connect = latencyHistogram();
  readonly history = latencyHistogram();
  readonly upload = latencyHistogram();
  readonly errors = new Map<string, number>();
  sent = 0;
  acked = 0;
  failed = 0;
  delivered = 0;
  historyReads = 0;
  uploads = 0;
  uploadsFailed = 0;
  private readonly slices: Slice[] = [];
  private startedAt = 0;

  constructor(readonly sliceMs: number) {}

  /** Traffic starts: the timeline's zero. */
  start(at: number): void {
    this.startedAt = at;
  }

  recordSend(at: number): void {
    this.sent += 1;
    this.slice(at).sent += 1;
  }

  recordAck(intendedAt: number, at: number, ok: boolean): void {
    if (!ok) {
      this.failed += 1;
      return;
    }
    this.acked += 1;
    const slice = this.slice(at);
    slice.acked += 1;
    recordMs(this.sendAck, at - intendedAt);
    recordMs(slice.ack, at - intendedAt);
  }

  recordDelivery(intendedAt: number, at: number): void {
    this.delivered += 1;
    const slice = this.slice(at);
    slice.delivered += 1;
    recordMs(this.delivery, at - intendedAt);
    recordMs(slice.delivery, at - intendedAt);
  }

  recordConnect(ms: number): void {
    recordMs(this.connect, ms);
  }

  recordHistoryRead(ms: number): void {
    this.historyReads += 1;
    recordMs(this.history, ms);
  }

  recordUpload(ms: number, ok: boolean): void {
    if (!ok) {
      this.uploadsFailed += 1;
      return;
    }
    this.uploads += 1;
    recordMs(this.upload, ms);
  }

  recordError(code: string, at = Date.now()): void {
    this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
    if (this.startedAt > 0) this.slice(at).errors += 1;
  }

  get errorCount(): number {
    return [...this.errors.values()].reduce((sum, count) => sum + count, 0);
  }

  timeline(): TimelinePoint[] {
    const perSecond = (count: number) => Math.round((count * 1000) / this.sliceMs);
    return this.slices.map((slice, index) => ({
      t: (index * this.sliceMs) / 1000,
      sentPerSecond: perSecond(slice.sent),
      deliveredPerSecond: perSecond(slice.delivered),
      errors: slice.errors,
      deliveryP50: percentiles(slice.delivery).p50,
      deliveryP99: percentiles(slice.delivery).p99,
      ackP99: percentiles(slice.ack).p99,
    }));
  }

  private slice(at: number): Slice {
    const index = Math.max(0, Math.floor((at - this.startedAt) / this.sliceMs));
    while (this.slices.length <= index) {
      this.slices.push({
        sent: 0,
        acked: 0,
        delivered: 0,
        errors: 0,
        delivery: latencyHistogram(2),
        ack: latencyHistogram(2),
      });
    }
    return this.slices[index];
  }
}

import { build, type Histogram } from 'hdr-histogram-js';

export interface Percentiles {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

/** Values are recorded in microseconds, up to two minutes; figures come out in milliseconds. */
export function latencyHistogram(significantDigits: 2 | 3 = 3): Histogram {
  return build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 120_000_000,
    numberOfSignificantValueDigits: significantDigits,
  });
}

export function recordMs(histogram: Histogram, ms: number): void {
  histogram.recordValue(Math.min(120_000_000, Math.max(1, Math.round(ms * 1000))));
}

const toMs = (microseconds: number) => Math.round(microseconds / 10) / 100;

export function percentiles(histogram: Histogram): Percentiles {
  return {
    count: histogram.totalCount,
    p50: toMs(histogram.getValueAtPercentile(50)),
    p90: toMs(histogram.getValueAtPercentile(90)),
    p99: toMs(histogram.getValueAtPercentile(99)),
    p999: toMs(histogram.getValueAtPercentile(99.9)),
    max: toMs(histogram.maxValue),
  };
}

/** The latency at each percentile of `points`, for the percentile plot. */
export function percentileCurve(
  histogram: Histogram,
  points: number[],
): { percentile: number; ms: number }[] {
  if (histogram.totalCount === 0) return [];
  return points.map((percentile) => ({ percentile, ms: toMs(histogram.getValueAtPercentile(percentile)) }));
}

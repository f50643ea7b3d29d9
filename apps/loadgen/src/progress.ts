import type { LoadMetrics } from './load-metrics';
import { percentiles } from '@chat/load-measure';

/** The most frequent error code so far, e.g. ` (mostly ACK_TIMEOUT)`. */
function topError(metrics: LoadMetrics): string {
  const [top] = [...metrics.errors].sort((a, b) => b[1] - a[1]);
  return top ? ` (mostly ${top[0]})` : '';
}

/**
 * A line on stderr every `everyMs` while the traffic runs: elapsed time, offered and delivered rates,
 * p99 so far, errors. stdout is left for the report.
 */
export function startProgress(
  metrics: LoadMetrics,
  startedAt: number,
  durationMs: number,
  offeredRate: (offsetMs: number) => number,
  everyMs: number,
): () => void {
  if (everyMs <= 0) return () => undefined;
  let last = { at: startedAt, delivered: 0, sent: 0 };
  const timer = setInterval(() => {
    const now = Date.now();
    const seconds = (now - last.at) / 1000;
    const deliveredRate = Math.round((metrics.delivered - last.delivered) / seconds);
    const sentRate = Math.round((metrics.sent - last.sent) / seconds);
    last = { at: now, delivered: metrics.delivered, sent: metrics.sent };
    const elapsed = now - startedAt;
    const offered = elapsed < durationMs ? `offered ${offeredRate(elapsed).toFixed(0)}/s` : 'settling';
    process.stderr.write(
      `[${(elapsed / 1000).toFixed(0).padStart(4)}s/${(durationMs / 1000).toFixed(0)}s] ` +
        `${offered} sent ${sentRate}/s acked ${metrics.acked} ` +
        `delivered ${deliveredRate}/s  p99 ack ${percentiles(metrics.sendAck).p99} ms ` +
        `delivery ${percentiles(metrics.delivery).p99} ms  errors ${metrics.errorCount}${topError(metrics)}\n`,
    );
  }, everyMs);
  return () => clearInterval(timer);
}

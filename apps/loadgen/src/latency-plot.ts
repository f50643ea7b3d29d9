import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { LoadReport } from './load-report';

/** x position of a percentile on a "number of nines" axis: 90 → 1, 99 → 2, 99.9 → 3. */
const nines = (percentile: number) => -Math.log10(1 - Math.min(percentile, 99.999) / 100);

/**
 * Two panels as one SVG: latency over time (p50 and p99 of delivery, p99 of send→ack, per timeline
 * slice, chaos steps as rules) and the percentile distribution of the whole run.
 */
export function latencyPlotSpec(report: LoadReport): TopLevelSpec {
  // A slice with nothing in it has no latency (0), which is not a point on a log scale.
  const overTime = report.timeline
    .flatMap((point) => [
      { t: point.t, series: 'delivery p50', ms: point.deliveryP50 },
      { t: point.t, series: 'delivery p99', ms: point.deliveryP99 },
      { t: point.t, series: 'send→ack p99', ms: point.ackP99 },
    ])
    .filter((point) => point.ms > 0);
  const curves = (['delivery', 'sendAck'] as const).flatMap((name) =>
    report.percentileCurves[name].map(({ percentile, ms }) => ({
      nines: nines(percentile),
      percentile: `${percentile}%`,
      series: name === 'delivery' ? 'sender → receiver' : 'send → ack',
      ms: Math.max(0.1, ms),
    })),
  );
  const chaos = report.chaos.map((step) => ({ t: step.atMs / 1000, step: step.step }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: `${report.target}: ${report.traffic.offeredRate} msg/s offered, ${report.prepare.users} users, ${report.rooms.count} rooms`,
    resolve: { scale: { color: 'independent' } },
    vconcat: [
      {
        width: 640,
        height: 220,
        title: 'latency over time (ms, log scale)',
        layer: [
          {
            data: { values: overTime },
            mark: { type: 'line', point: false },
            encoding: {
              x: { field: 't', type: 'quantitative', title: 'seconds into the traffic' },
              y: { field: 'ms', type: 'quantitative', scale: { type: 'log' }, title: 'ms' },
              color: { field: 'series', type: 'nominal', title: null },
            },
          },
          ...(chaos.length
            ? [
                {
                  data: { values: chaos },
                  mark: { type: 'rule' as const, color: 'firebrick', strokeDash: [4, 3] },
                  encoding: { x: { field: 't', type: 'quantitative' as const } },
                },
              ]
            : []),
        ],
      },
      {
        width: 640,
        height: 220,
        title: 'latency by percentile (ms, log scale)',
        data: { values: curves },
        mark: { type: 'line', point: true },
        encoding: {
          x: {
            field: 'nines',
            type: 'quantitative',
            title: 'percentile',
            axis: {
              values: [0, 1, 2, 3, 4],
              labelExpr: "['0%', '90%', '99%', '99.9%', '99.99%'][round(datum.value)]",
            },
          },
          y: { field: 'ms', type: 'quantitative', scale: { type: 'log' }, title: 'ms' },
          color: { field: 'series', type: 'nominal', title: null },
        },
      },
    ],
  };
}

/** Renders headless: vega's SVG renderer needs no canvas and no browser. */
export async function renderLatencyPlot(report: LoadReport): Promise<string> {
  const view = new vega.View(vega.parse(compile(latencyPlotSpec(report)).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

import * as React from 'react';
import uPlot from 'uplot';

import type { Run, RunsCompareHistory } from '../generated/api-types';
import { formatMetric } from '../registry/sheet';
import { Chart, themedAxis } from './Chart';
import { alignHistories, scatterOf } from './compare';
import { IChartTheme, seriesColor } from './theme';

/** Each run's history of one metric over steps, overlaid; the legend names the runs. */
export function HistoryChart(props: {
  history: RunsCompareHistory;
  runs: Run[];
}): JSX.Element {
  const { history, runs } = props;
  const data = React.useMemo(
    () => alignHistories(history.series) as uPlot.AlignedData,
    [history]
  );
  const nameOf = React.useMemo(
    () => new Map(runs.map(run => [run.id, run.name])),
    [runs]
  );
  const options = React.useCallback(
    (theme: IChartTheme): uPlot.Options => ({
      width: 0,
      height: 0,
      scales: { x: { time: false } },
      legend: { live: true },
      cursor: { drag: { x: true, y: false } },
      axes: [
        themedAxis(theme, { label: 'step' }),
        themedAxis(theme, { label: history.key, size: 60 })
      ],
      series: [
        { label: 'step' },
        ...history.series.map((one, index) => ({
          label: nameOf.get(one.run_id) ?? one.run_id,
          stroke: seriesColor(index, theme.palette, theme.dark),
          width: 1.5,
          spanGaps: true,
          value: (_: uPlot, value: number | null) => formatMetric(value)
        }))
      ]
    }),
    [history, nameOf]
  );
  return <Chart label={`History of ${history.key}`} data={data} options={options} />;
}

/** A parameter against a metric, one point per run: which parameter moves the score. */
export function ScatterChart(props: {
  runs: Run[];
  param: string;
  metric: string;
}): JSX.Element {
  const { runs, param, metric } = props;
  const scatter = React.useMemo(
    () => scatterOf(runs, param, metric),
    [runs, param, metric]
  );
  const data = React.useMemo(
    () => [scatter.xs, scatter.ys] as uPlot.AlignedData,
    [scatter]
  );
  const options = React.useCallback(
    (theme: IChartTheme): uPlot.Options => {
      const categories = scatter.categories;
      const xText = (x: number) => (categories ? (categories[x] ?? '') : formatMetric(x));
      return {
        width: 0,
        height: 0,
        scales: {
          x: {
            time: false,
            // Room around the points, and the categories on whole numbers.
            range: (_, min, max) =>
              categories
                ? [-0.5, categories.length - 0.5]
                : min === max
                  ? [min - 1, max + 1]
                  : [min - (max - min) * 0.05, max + (max - min) * 0.05]
          }
        },
        legend: { live: true },
        axes: [
          themedAxis(theme, {
            label: param,
            ...(categories
              ? {
                  splits: () => categories.map((_, index) => index),
                  values: (_: uPlot, splits: number[]) => splits.map(xText)
                }
              : {})
          }),
          themedAxis(theme, { label: metric, size: 60 })
        ],
        series: [
          {
            label: param,
            value: (_: uPlot, x: number | null) => (x === null ? '' : xText(x))
          },
          {
            label: metric,
            stroke: seriesColor(0, theme.palette, theme.dark),
            fill: seriesColor(0, theme.palette, theme.dark),
            paths: () => null,
            points: { show: true, size: 8 },
            value: (_: uPlot, y: number | null, __: number, index: number | null) =>
              y === null || index === null
                ? ''
                : `${formatMetric(y)} (${scatter.runs[index] ?? ''})`
          }
        ]
      };
    },
    [scatter, param, metric]
  );
  if (!scatter.xs.length) {
    return (
      <p className="jp-dsws-muted">
        No compared run has both {param} and {metric}.
      </p>
    );
  }
  return <Chart label={`${metric} against ${param}`} data={data} options={options} />;
}

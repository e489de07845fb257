import type { MetricHistory, Run, RunComparison } from '../generated/api-types';
/**
 * The pure decisions of the Compare tab: the table's rows, the overlaid histories as one
 * chart's aligned columns, and a parameter against a metric as points.
 */

/** A row of the compare table: a param or a metric across the compared runs. */
export interface ICompareRunRow {
  kind: 'param' | 'metric';
  name: string;
  /** One cell per compared run, in the runs' order; null where it has none. */
  values: (string | number | null)[];
  /** The id of the best run for a metric whose direction is known; null otherwise. */
  best: string | null;
  differs: boolean;
}

/** Params then metrics; with `differencesOnly`, only those the server says differ. */
export function compareRunRows(
  comparison: RunComparison,
  differencesOnly: boolean
): ICompareRunRow[] {
  const param = new Set(comparison.different.params);
  const metric = new Set(comparison.different.metrics);
  const rows: ICompareRunRow[] = [
    ...comparison.params.map(name => ({
      kind: 'param' as const,
      name,
      values: comparison.runs.map(run => run.params[name] ?? null),
      best: null,
      differs: param.has(name)
    })),
    ...comparison.metrics.map(name => ({
      kind: 'metric' as const,
      name,
      values: comparison.runs.map(run => {
        const value = run.metrics[name];
        return typeof value === 'number' ? value : null;
      }),
      best: comparison.best[name] ?? null,
      differs: metric.has(name)
    }))
  ];
  return differencesOnly ? rows.filter(row => row.differs) : rows;
}

/**
 * The histories as one chart's columns: the union of all steps (ascending) first, then
 * one column per run with null where that run logged nothing at the step. uPlot's
 * `AlignedData` shape; 50 runs × 1,000 points align in a few milliseconds.
 */
export function alignHistories(series: readonly MetricHistory[]): (number | null)[][] {
  const steps = new Set<number>();
  for (const one of series) {
    for (const point of one.points) {
      steps.add(point.step);
    }
  }
  const xs = [...steps].sort((a, b) => a - b);
  const at = new Map(xs.map((step, index) => [step, index]));
  const columns = series.map(one => {
    const column: (number | null)[] = new Array(xs.length).fill(null);
    for (const point of one.points) {
      column[at.get(point.step)!] = point.value;
    }
    return column;
  });
  return [xs, ...columns];
}

/** A parameter against a metric: one point per run that has both. */
export interface IScatter {
  /** x: the param's number, or its category's index when the values are not numbers. */
  xs: number[];
  ys: number[];
  runs: string[];
  /** The category names along x (index → text); null for a numeric param. */
  categories: string[] | null;
}

export function scatterOf(runs: readonly Run[], param: string, metric: string): IScatter {
  const points = runs.flatMap(run => {
    const x = run.params[param];
    const y = run.metrics[metric];
    return x !== undefined && typeof y === 'number' && isFinite(y)
      ? [{ x, y, run: run.name }]
      : [];
  });
  const numeric = points.every(p => p.x.trim() !== '' && isFinite(Number(p.x)));
  const categories = numeric ? null : [...new Set(points.map(p => p.x))].sort();
  const xOf = (x: string) => (categories ? categories.indexOf(x) : Number(x));
  // uPlot wants x ascending.
  const sorted = points
    .map(p => ({ ...p, at: xOf(p.x) }))
    .sort((a, b) => a.at - b.at || a.y - b.y);
  return {
    xs: sorted.map(p => p.at),
    ys: sorted.map(p => p.y),
    runs: sorted.map(p => p.run),
    categories
  };
}

/** The params that vary among the runs first (they are the ones that can move a score). */
export function scatterParams(comparison: RunComparison): string[] {
  const different = new Set(comparison.different.params);
  return [
    ...comparison.params.filter(name => different.has(name)),
    ...comparison.params.filter(name => !different.has(name))
  ];
}

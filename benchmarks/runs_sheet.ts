/**
 * What the runs sheet does in the browser with 1,000 loaded runs (20 params, 10 metrics,
 * 3 tags each): sort by a metric and by a numeric param, hide the columns that do not
 * differ, mark each metric's best, and align 50 histories for the chart: of 1,000 points,
 * of 10,000 steps as the server cuts them (1,000 points a run at steps of their own), and
 * of 10,000 points whole.
 * Prints the median of 11 tries of each; the bar is < 100 ms for sort and filter.
 *
 *     npx vite-node benchmarks/runs_sheet.ts
 */
import { IMetricHistory, IRun } from '../labextension/src/experiments/api';
import { alignHistories } from '../labextension/src/experiments/compare';
import {
  bestRuns,
  namesOf,
  NO_CHOICE,
  sortRuns,
  visibleColumns
} from '../labextension/src/experiments/sheet';

function makeRuns(count: number): IRun[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `run${i}`,
    name: `run-${i}`,
    experiment_id: '1',
    status: 'FINISHED',
    start: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    end: null,
    user: `user${i % 5}`,
    source: 'train.ipynb',
    params: Object.fromEntries(
      Array.from({ length: 20 }, (_, p) => [
        `p${p}`,
        p < 3 ? 'same' : String((i * 7 + p) % 97)
      ])
    ),
    metrics: Object.fromEntries(
      Array.from({ length: 10 }, (_, m) => [`m${m}`, Math.sin(i * 0.37 + m)])
    ),
    tags: { team: 'ml', seed: String(i % 3), note: 'x' },
    registered: []
  }));
}

function median(work: () => unknown, tries = 11): number {
  const times: number[] = [];
  for (let t = 0; t < tries; t++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(tries / 2)];
}

const runs = makeRuns(1000);
const names = namesOf(runs);
const directions = Object.fromEntries(names.metrics.map(m => [m, 'up' as const]));
/** 50 histories of ``count`` points each, run r at steps ``s * every + offset(r)``. */
function makeHistories(
  count: number,
  every = 1,
  offset = (r: number) => r % 2
): IMetricHistory[] {
  return Array.from({ length: 50 }, (_, r) => ({
    run_id: `run${r}`,
    key: 'loss',
    downsampled: every > 1,
    total: count * every,
    points: Array.from({ length: count }, (_, s) => ({
      step: s * every + offset(r),
      value: 1 / (s + 1) + r / 100,
      time: null
    }))
  }));
}

const histories = makeHistories(1000);
// 50 runs of 10,000 steps: as the server sends them to the panel (1,000 points a run, each
// run's buckets keeping its own min and max, so the runs' steps differ), and whole (the
// API's most, max_points=10000).
const cutHistories = makeHistories(1000, 10, r => r % 10);
const longHistories = makeHistories(10_000);

const figures: [string, number][] = [
  [
    'sort 1,000 runs by a metric',
    median(() =>
      sortRuns(runs, { key: { kind: 'metric', name: 'm3' }, descending: true })
    )
  ],
  [
    'sort 1,000 runs by a numeric param',
    median(() =>
      sortRuns(runs, { key: { kind: 'param', name: 'p7' }, descending: false })
    )
  ],
  ['names of 1,000 runs', median(() => namesOf(runs))],
  [
    'differences only over 30 columns',
    median(() => visibleColumns(runs, names, NO_CHOICE, true))
  ],
  ['best of 10 metrics', median(() => bestRuns(runs, directions))],
  ['align 50 histories × 1,000 points', median(() => alignHistories(histories))],
  ['align 50 × 10,000 steps cut to 1,000', median(() => alignHistories(cutHistories))],
  ['align 50 histories × 10,000 points', median(() => alignHistories(longHistories))]
];
for (const [what, ms] of figures) {
  console.log(`${what.padEnd(40)} ${ms.toFixed(2)} ms`);
}

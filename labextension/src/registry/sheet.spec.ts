import { describe, expect, it } from 'vitest';

import type { RegistryComparison, RegistryVersion } from '../generated/api-types';
import { versionDetail } from '../testing';
import {
  columnsOf,
  compareRows,
  createdBy,
  DEFAULT_SORT,
  formatMetric,
  formatWaiting,
  nextSort,
  sortVersions,
  trendShape
} from './sheet';

const ACCOUNT = 'arn:aws:sagemaker:eu-central-1:123456789012';

function version(over: Partial<RegistryVersion> & { version: number }): RegistryVersion {
  const group = over.group ?? 'sorting-hat-algorithm';
  return {
    group,
    arn: `${ACCOUNT}:model-package/${group}/${over.version}`,
    status: 'PendingManualApproval',
    created: `2026-11-0${over.version}T09:00:00+00:00`,
    created_by: 'harry-potter',
    registered_by: null,
    description: null,
    approval_description: null,
    params: {},
    metrics: {},
    metrics_std: {},
    metrics_error: null,
    ...over
  };
}

/** The sorting hat's versions as the demo registers them; v4's f1 went missing. */
const SORTING_HAT: RegistryVersion[] = [
  version({
    version: 1,
    status: 'Rejected',
    params: { max_depth: '3', num_round: '50', num_class: '4' },
    metrics: { accuracy: 0.712, weighted_f1: 0.694 }
  }),
  version({
    version: 2,
    status: 'Approved',
    params: { max_depth: '5', num_round: '100', num_class: '4' },
    metrics: { accuracy: 0.791, weighted_f1: 0.781 }
  }),
  version({
    version: 3,
    status: 'Approved',
    params: { max_depth: '6', num_round: '200', num_class: '4' },
    metrics: { accuracy: 0.838, weighted_f1: 0.829 }
  }),
  version({
    version: 4,
    params: { max_depth: '6', num_round: '400', num_class: '4', subsample: '0.8' },
    metrics: { accuracy: 0.862 }
  })
];

const numbers = (versions: RegistryVersion[]) => versions.map(v => v.version);

describe('the sheet', () => {
  it('has a column for every parameter and metric seen on the page', () => {
    expect(columnsOf(SORTING_HAT)).toEqual({
      params: ['max_depth', 'num_class', 'num_round', 'subsample'],
      metrics: ['accuracy', 'weighted_f1']
    });
  });

  it('says who created a version: who registered it from the panel, else the profile', () => {
    const shared = version({
      version: 5,
      created_by: null,
      registered_by: { name: 'hermione-granger', display_name: 'Hermione Granger' }
    });
    expect(createdBy(shared)).toBe('Hermione Granger');
    expect(createdBy(SORTING_HAT[0])).toBe('harry-potter');
    expect(createdBy(version({ version: 6, created_by: null }))).toBe('');
  });

  it('opens newest first', () => {
    const shuffled = [SORTING_HAT[1], SORTING_HAT[3], SORTING_HAT[0], SORTING_HAT[2]];
    expect(numbers(sortVersions(shuffled, DEFAULT_SORT))).toEqual([4, 3, 2, 1]);
  });

  it('sorts by a metric numerically, best first on the first click, then flips', () => {
    const shuffled = [SORTING_HAT[2], SORTING_HAT[0], SORTING_HAT[3], SORTING_HAT[1]];
    const first = nextSort(DEFAULT_SORT, { kind: 'metric', name: 'accuracy' });
    expect(first.descending).toBe(true);
    expect(numbers(sortVersions(shuffled, first))).toEqual([4, 3, 2, 1]);
    const second = nextSort(first, { kind: 'metric', name: 'accuracy' });
    expect(second.descending).toBe(false);
    expect(numbers(sortVersions(shuffled, second))).toEqual([1, 2, 3, 4]);
  });

  it('puts a version without the metric last in both directions', () => {
    const key = { kind: 'metric' as const, name: 'weighted_f1' };
    expect(numbers(sortVersions(SORTING_HAT, { key, descending: true }))).toEqual([
      3, 2, 1, 4
    ]);
    expect(numbers(sortVersions(SORTING_HAT, { key, descending: false }))).toEqual([
      1, 2, 3, 4
    ]);
  });

  it('sorts numeric parameters as numbers, not as text', () => {
    const sort = nextSort(DEFAULT_SORT, { kind: 'param', name: 'num_round' });
    // Text first click: A→Z, which for numbers means small first; "50" < "100" < "200".
    expect(sort.descending).toBe(false);
    expect(numbers(sortVersions(SORTING_HAT, sort))).toEqual([1, 2, 3, 4]);
  });

  it('sorts by status alphabetically and keeps the newest first among equals', () => {
    const sort = { key: { kind: 'status' as const }, descending: false };
    expect(numbers(sortVersions(SORTING_HAT, sort))).toEqual([3, 2, 4, 1]);
  });
});

function comparison(): RegistryComparison {
  const [, v2, v3] = SORTING_HAT;
  return {
    versions: [v2, v3].map(v => versionDetail(v)),
    params: ['max_depth', 'num_class', 'num_round'],
    metrics: ['accuracy', 'weighted_f1'],
    best: { accuracy: v3.arn },
    directions: { accuracy: 'up', weighted_f1: null },
    trends: {},
    differences: {
      params: ['max_depth', 'num_round'],
      metrics: ['accuracy', 'weighted_f1']
    },
    fetched_at: null,
    notice: null
  };
}

describe('the compare table', () => {
  it('lists parameters then metrics, one cell per version, the best marked', () => {
    const rows = compareRows(comparison(), false);
    expect(rows.map(r => `${r.kind}:${r.name}`)).toEqual([
      'param:max_depth',
      'param:num_class',
      'param:num_round',
      'metric:accuracy',
      'metric:weighted_f1'
    ]);
    expect(rows[0].values).toEqual(['5', '6']);
    expect(rows[3].values).toEqual([0.791, 0.838]);
    expect(rows[3].best).toBe(SORTING_HAT[2].arn);
    // No direction known: nothing is called best.
    expect(rows[4].best).toBeNull();
  });

  it('drops the same-valued rows with "differences only"', () => {
    const rows = compareRows(comparison(), true);
    expect(rows.map(r => r.name)).toEqual([
      'max_depth',
      'num_round',
      'accuracy',
      'weighted_f1'
    ]);
    expect(rows.every(r => r.differs)).toBe(true);
  });

  it('shows an empty cell where a version lacks a value', () => {
    const c = comparison();
    c.versions[1] = { ...c.versions[1], metrics: { accuracy: 0.838 } };
    expect(compareRows(c, false)[4].values).toEqual([0.781, null]);
  });
});

describe('the trend chart', () => {
  const series = SORTING_HAT.map(v => ({
    version: v.version,
    value: v.metrics.accuracy
  }));

  it('goes v1 to vN left to right, higher values higher up', () => {
    const shape = trendShape([...series].reverse(), new Set([2, 3]), 100, 20, 0);
    expect(shape.points.map(p => p.version)).toEqual([1, 2, 3, 4]);
    expect(shape.points[0]).toMatchObject({ x: 0, y: 20, marked: false });
    expect(shape.points[3]).toMatchObject({ x: 100, y: 0, marked: false });
    expect(shape.points.filter(p => p.marked).map(p => p.version)).toEqual([2, 3]);
    expect(shape.polyline.split(' ')).toHaveLength(4);
    expect(shape.min).toBe(0.712);
    expect(shape.max).toBe(0.862);
  });

  it('draws a flat or single-point series across the middle', () => {
    const flat = trendShape(
      [
        { version: 1, value: 1 },
        { version: 2, value: 1 }
      ],
      new Set(),
      100,
      20
    );
    expect(flat.points.map(p => p.y)).toEqual([10, 10]);
    expect(trendShape([{ version: 7, value: 3 }], new Set([7]), 100, 20).points).toEqual([
      { x: 50, y: 10, version: 7, value: 3, marked: true }
    ]);
    expect(trendShape([], new Set(), 100, 20).polyline).toBe('');
  });
});

describe('the words', () => {
  it('says how long a version has waited', () => {
    expect(formatWaiting(3 * 86400 + 7200)).toBe('3 days');
    expect(formatWaiting(86400)).toBe('1 day');
    expect(formatWaiting(5 * 3600)).toBe('5 hours');
    expect(formatWaiting(120)).toBe('2 minutes');
    expect(formatWaiting(10)).toBe('less than a minute');
  });

  it('shows metrics with four significant digits', () => {
    expect(formatMetric(0.83812345)).toBe('0.8381');
    expect(formatMetric(3)).toBe('3');
    expect(formatMetric(null)).toBe('');
    expect(formatMetric(NaN)).toBe('');
  });
});

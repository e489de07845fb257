/**
 * The pure decisions of the registry views: which columns a sheet has, how rows sort,
 * which compare rows show, how a trend is drawn. Plain data in, plain data out.
 */
import type {
  RegistryComparison,
  RegistryTrendPoint,
  RegistryVersion
} from '../generated/api-types';
import { nextColumnSort, sortRows, SortValue, textOrNumber } from '../ui/sorting';
import { Direction } from './api';

/** A sheet column that is not fixed: a parameter or a metric. */
export interface IColumn {
  kind: 'param' | 'metric';
  name: string;
}

export type SortKey = { kind: 'version' | 'status' | 'created' | 'created_by' } | IColumn;

export interface ISort {
  key: SortKey;
  descending: boolean;
}

/** The newest first: how a sheet opens. */
export const DEFAULT_SORT: ISort = {
  key: { kind: 'version' },
  descending: true
};

/** Every parameter and every metric the versions carry, each sorted by name. */
export function columnsOf(versions: RegistryVersion[]): {
  params: string[];
  metrics: string[];
} {
  const params = new Set<string>();
  const metrics = new Set<string>();
  for (const version of versions) {
    Object.keys(version.params ?? {}).forEach(name => params.add(name));
    Object.keys(version.metrics ?? {}).forEach(name => metrics.add(name));
  }
  const byName = (a: string, b: string) => a.localeCompare(b);
  return {
    params: [...params].sort(byName),
    metrics: [...metrics].sort(byName)
  };
}

/**
 * Who made a version, as the sheet's "Created by" says it: the person who registered it
 * from the Experiments panel (in a shared space SageMaker only knows the space's identity),
 * else SageMaker's user profile.
 */
export function createdBy(version: RegistryVersion): string {
  return version.registered_by?.display_name || version.created_by || '';
}

function sortValue(version: RegistryVersion, key: SortKey): SortValue {
  switch (key.kind) {
    case 'version':
      return version.version;
    case 'status':
      return version.status;
    case 'created':
      return version.created ? Date.parse(version.created) : null;
    case 'created_by':
      return createdBy(version) || null;
    case 'metric': {
      const value = version.metrics?.[key.name];
      return typeof value === 'number' && isFinite(value) ? value : null;
    }
    case 'param':
      return textOrNumber(version.params?.[key.name]);
  }
}

/**
 * The versions in the sheet's order. Missing values go last in either direction, so
 * "best first" never starts with a version that has no such metric; ties keep the
 * newest first.
 */
export function sortVersions(
  versions: RegistryVersion[],
  sort: ISort
): RegistryVersion[] {
  return sortRows(
    versions,
    version => sortValue(version, sort.key),
    sort.descending,
    (a, b) => b.version - a.version
  );
}

/**
 * A click on a column header: the same column flips its direction; another starts
 * with the direction a person expects (metrics and times high first, text A→Z).
 */
export function nextSort(current: ISort, key: SortKey): ISort {
  return nextColumnSort(current, key, HIGH_FIRST);
}

const HIGH_FIRST: ReadonlySet<SortKey['kind']> = new Set([
  'metric',
  'version',
  'created'
]);

/** Whether a metric's value on these versions is better high or low, by its name. */
export const KNOWN_DIRECTIONS: Record<string, Direction> = {
  accuracy: 'up',
  auc: 'up',
  f1: 'up',
  precision: 'up',
  recall: 'up',
  r2: 'up',
  loss: 'down',
  rmse: 'down',
  mse: 'down',
  mae: 'down',
  mape: 'down'
};

/** A row of the compare table. */
export interface ICompareRow {
  kind: 'param' | 'metric';
  name: string;
  /** One cell per compared version, in the versions' order; null where it has none. */
  values: (string | number | null)[];
  /** The ARN of the best version for a metric the server ranked; null otherwise. */
  best: string | null;
  differs: boolean;
}

/**
 * The compare table's rows: parameters, then metrics. With `differencesOnly`, the rows
 * whose values are all the same go (the server says which differ).
 */
export function compareRows(
  comparison: RegistryComparison,
  differencesOnly: boolean
): ICompareRow[] {
  const differs = {
    param: new Set(comparison.differences?.params ?? []),
    metric: new Set(comparison.differences?.metrics ?? [])
  };
  const rows: ICompareRow[] = [
    ...comparison.params.map(name => ({
      kind: 'param' as const,
      name,
      values: comparison.versions.map(v => v.params?.[name] ?? null),
      best: null,
      differs: differs.param.has(name)
    })),
    ...comparison.metrics.map(name => ({
      kind: 'metric' as const,
      name,
      values: comparison.versions.map(v => {
        const value = v.metrics?.[name];
        return typeof value === 'number' ? value : null;
      }),
      best: comparison.best?.[name] ?? null,
      differs: differs.metric.has(name)
    }))
  ];
  return differencesOnly ? rows.filter(row => row.differs) : rows;
}

/** A trend chart's drawing: points in a `width`×`height` box, the compared ones marked. */
export interface ITrendShape {
  points: { x: number; y: number; version: number; value: number; marked: boolean }[];
  /** The SVG polyline `points` attribute. */
  polyline: string;
  min: number;
  max: number;
}

/**
 * Lay out v1→vN on x and the value on y (high at the top). A flat series sits in the
 * middle; one point sits in the middle too.
 */
export function trendShape(
  series: RegistryTrendPoint[],
  marked: Set<number>,
  width: number,
  height: number,
  pad = 4
): ITrendShape {
  const sorted = [...series]
    .filter(p => typeof p.value === 'number' && isFinite(p.value))
    .sort((a, b) => a.version - b.version);
  if (!sorted.length) {
    return { points: [], polyline: '', min: 0, max: 0 };
  }
  const values = sorted.map(p => p.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const innerW = width - 2 * pad;
  const innerH = height - 2 * pad;
  const points = sorted.map((p, index) => {
    const x =
      sorted.length === 1 ? width / 2 : pad + (innerW * index) / (sorted.length - 1);
    const y =
      max === min ? height / 2 : pad + innerH * (1 - (p.value - min) / (max - min));
    return {
      x: round(x),
      y: round(y),
      version: p.version,
      value: p.value,
      marked: marked.has(p.version)
    };
  });
  return {
    points,
    polyline: points.map(p => `${p.x},${p.y}`).join(' '),
    min,
    max
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** A metric as people read it: at most four significant decimals. */
export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined || !isFinite(value)) {
    return '';
  }
  if (Number.isInteger(value)) {
    return String(value);
  }
  return String(Number(value.toPrecision(4)));
}

/** "3 days", "5 hours", "12 minutes": how long a version has waited for review. */
export function formatWaiting(seconds: number): string {
  const units: [number, string][] = [
    [86400, 'day'],
    [3600, 'hour'],
    [60, 'minute']
  ];
  for (const [size, name] of units) {
    if (seconds >= size) {
      const count = Math.floor(seconds / size);
      return `${count} ${name}${count === 1 ? '' : 's'}`;
    }
  }
  return 'less than a minute';
}

/** The words a person reads for SageMaker's status values. */
export function statusLabel(status: string | null | undefined): string {
  switch (status) {
    case 'PendingManualApproval':
      return 'Pending';
    case null:
    case undefined:
      return '';
    default:
      return status;
  }
}

/** A time as a short local date and time; the raw text when it is not a date. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  return isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, {
        dateStyle: 'medium',
        timeStyle: 'short'
      });
}

/** How the sheets sort a column (the Models panel's versions, the Experiments runs). */

/** A cell's value for sorting; null sorts last whatever the direction. */
export type SortValue = string | number | null;

/** A param or tag (always a string) as a number where it is one: "100" after "50". */
export function textOrNumber(value: string | undefined | null): SortValue {
  if (value === undefined || value === null || value === '') {
    return null;
  }
  const number = Number(value);
  return isFinite(number) ? number : value;
}

/** Numbers before text, numbers by value, text as the reader's language orders it. */
export function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') {
    return a - b;
  }
  if (typeof a === 'number') {
    return -1;
  }
  if (typeof b === 'number') {
    return 1;
  }
  return a.localeCompare(b);
}

/** A sheet's sort key: a fixed column by its kind, or a param, metric or tag by its name. */
export type ColumnKey = { kind: string } | { kind: string; name: string };

export interface ISheetSort<K extends ColumnKey> {
  key: K;
  descending: boolean;
}

/** Whether two sort keys name the same column. */
export function sameColumn(a: ColumnKey, b: ColumnKey): boolean {
  return a.kind === b.kind && ('name' in a ? a.name : '') === ('name' in b ? b.name : '');
}

/**
 * A click on a column header: the same column flips its direction; another starts the way
 * a person expects: the kinds in `highFirst` (metrics, times) high first, text A→Z.
 */
export function nextColumnSort<K extends ColumnKey>(
  current: ISheetSort<K>,
  key: K,
  highFirst: ReadonlySet<K['kind']>
): ISheetSort<K> {
  if (sameColumn(current.key, key)) {
    return { key, descending: !current.descending };
  }
  return { key, descending: highFirst.has(key.kind) };
}

/**
 * `rows` in a sheet's order by `value`, read once a row (1,000 rows sort in a few
 * milliseconds). Missing values go last either way, so "best first" never starts with a
 * row that lacks the value; ties go by `tie`, else keep the order the rows came in.
 */
export function sortRows<T>(
  rows: readonly T[],
  value: (row: T) => SortValue,
  descending: boolean,
  tie: (a: T, b: T) => number = () => 0
): T[] {
  const sign = descending ? -1 : 1;
  const keyed = rows.map(row => ({ row, value: value(row) }));
  // Array.prototype.sort is stable: a tie that `tie` leaves keeps the rows' own order.
  keyed.sort((a, b) => {
    if (a.value === null || b.value === null) {
      return a.value === b.value ? tie(a.row, b.row) : a.value === null ? 1 : -1;
    }
    return sign * compareValues(a.value, b.value) || tie(a.row, b.row);
  });
  return keyed.map(k => k.row);
}

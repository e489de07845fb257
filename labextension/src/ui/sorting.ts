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

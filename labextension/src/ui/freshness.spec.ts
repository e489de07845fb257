import { describe, expect, it } from 'vitest';

import { asOfText } from './freshness';

const AT = '2026-12-06T09:00:00.000+00:00';
const at = Date.parse(AT);

describe('asOfText', () => {
  it('says nothing about a fresh answer', () => {
    expect(asOfText(AT, at + 9_000)).toBeNull();
    expect(asOfText(null, at)).toBeNull();
    expect(asOfText('not a time', at)).toBeNull();
  });

  it('says the age of an older one in seconds, minutes or hours', () => {
    expect(asOfText(AT, at + 40_000)).toBe('as of 40 s ago');
    expect(asOfText(AT, at + 5 * 60_000)).toBe('as of 5 min ago');
    expect(asOfText(AT, at + 3 * 3600_000)).toBe('as of 3 h ago');
  });

  it('never says a negative age (a clock a little ahead of the server)', () => {
    expect(asOfText(AT, at - 60_000, 0)).toBe('as of 0 s ago');
  });
});

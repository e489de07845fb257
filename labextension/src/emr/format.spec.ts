import { describe, expect, it } from 'vitest';

import type { EmrCheckStep } from '../generated/api-types';
import { checkSummary, formatAge, formatSeconds, notRun } from './format';

const NOW = Date.parse('2026-12-06T12:00:00Z');

function step(name: EmrCheckStep['name'], ok: boolean): EmrCheckStep {
  return { name, ok, detail: '', fix: null, seconds: 0 };
}

describe('EMR formatting', () => {
  it("tells a cluster's age in its largest whole unit", () => {
    expect(formatAge('2026-12-06T11:59:30Z', NOW)).toBe('under a minute');
    expect(formatAge('2026-12-06T11:48:00Z', NOW)).toBe('12 min');
    expect(formatAge('2026-12-06T07:00:00Z', NOW)).toBe('5 h');
    expect(formatAge('2026-12-03T12:00:00Z', NOW)).toBe('3 d');
    expect(formatAge(null, NOW)).toBe('unknown');
  });

  it('tells how long a step took', () => {
    expect(formatSeconds(0.0123)).toBe('0.01 s');
    expect(formatSeconds(1.44)).toBe('1.4 s');
    expect(formatSeconds(10.2)).toBe('10 s');
  });

  it('tells a step left out from one that failed', () => {
    const skipped = {
      ...step('tcp', false),
      detail: 'Not run: the DNS name did not resolve.'
    };
    expect(notRun(skipped)).toBe(true);
    expect(notRun({ ...step('tcp', false), detail: 'Connection refused' })).toBe(false);
  });

  it('names the first step that failed', () => {
    expect(checkSummary([step('endpoint', true), step('livy', true)])).toBe(
      'All 2 steps passed: Connect will reach Livy.'
    );
    expect(
      checkSummary([
        step('endpoint', true),
        step('security_group', false),
        step('tcp', false)
      ])
    ).toBe('Failed at: Security group admits Livy.');
  });
});

import { describe, expect, it } from 'vitest';

import {
  formatGib,
  formatHourly,
  formatHoursPerDay,
  formatMinutes,
  formatMoney,
  formatMonthly,
  formatSize,
  parseHoursPerDay,
  parseSize,
  stoppedForText
} from './format';

describe('money', () => {
  it('is written in dollars with cents and thousands separated', () => {
    expect(formatMoney(1234.5)).toBe('$1,234.50');
    expect(formatMoney(0)).toBe('$0.00');
    expect(formatMonthly(36.5)).toBe('$36.50/month');
  });

  it('keeps the decimals that tell small hourly prices apart', () => {
    expect(formatHourly(0.0464)).toBe('$0.0464/h');
    expect(formatHourly(0.05)).toBe('$0.05/h');
    expect(formatHourly(3.825)).toBe('$3.825/h');
  });

  it('says "not offered" for a type without a price', () => {
    expect(formatHourly(null)).toBe('not offered');
    expect(formatMoney(NaN)).toBe('–');
  });
});

describe('hours and sizes', () => {
  it('writes hours per day and idle timeouts as people say them', () => {
    expect(formatHoursPerDay(8)).toBe('8 h/day');
    expect(formatHoursPerDay(1 / 3)).toBe('0.33 h/day');
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatMinutes(60)).toBe('1 h');
    expect(formatMinutes(90)).toBe('1 h 30 min');
  });

  it('writes sizes below a gigabyte in megabytes', () => {
    expect(formatSize(0.05)).toBe('50 MB');
    expect(formatSize(0.015)).toBe('15 MB');
    expect(formatSize(16)).toBe('16 GB');
    expect(formatSize(1500)).toBe('1.5 TB');
    expect(formatGib(15.25)).toBe('15.25 GiB');
  });
});

describe('a size as typed', () => {
  it("reads the seed's units without regard to case", () => {
    expect(parseSize('50 Mb')).toEqual({ ok: true, gb: 0.05 });
    expect(parseSize('50MB')).toEqual({ ok: true, gb: 0.05 });
    expect(parseSize('2 GB')).toEqual({ ok: true, gb: 2 });
    expect(parseSize('1.5 tb')).toEqual({ ok: true, gb: 1500 });
    expect(parseSize('0,5 GB')).toEqual({ ok: true, gb: 0.5 });
  });

  it('takes a bare number as gigabytes, and empty as the default', () => {
    expect(parseSize(' 3 ')).toEqual({ ok: true, gb: 3 });
    expect(parseSize('')).toEqual({ ok: true, gb: undefined });
  });

  it('says what is wrong with anything else', () => {
    const noNumber = parseSize('big');
    expect(noNumber.ok).toBe(false);
    expect(!noNumber.ok && noNumber.message).toContain('e.g. 50 MB');
    const badUnit = parseSize('5 parsecs');
    expect(!badUnit.ok && badUnit.message).toBe(
      '"parsecs" is not a unit: use KB, MB, GB or TB.'
    );
    expect(parseSize('-5 GB').ok).toBe(false);
  });
});

describe('hours per day as typed', () => {
  it('is empty or a number above 0 and at most 24', () => {
    expect(parseHoursPerDay('')).toEqual({ ok: true, value: undefined });
    expect(parseHoursPerDay('7.5')).toEqual({ ok: true, value: 7.5 });
    expect(parseHoursPerDay('24')).toEqual({ ok: true, value: 24 });
    for (const bad of ['0', '25', 'all day', '-1']) {
      expect(parseHoursPerDay(bad).ok).toBe(false);
    }
  });
});

describe('who a switch stops the space for', () => {
  const here = (display_name: string, you = false) => ({
    name: display_name.toLowerCase(),
    display_name,
    tabs: 1,
    collaborating: false,
    you
  });
  const current = { in_studio: true, instance_type: 'ml.t3.medium', space_name: 'team' };

  it('lists everyone connected and says the switch stops the space for all of them', () => {
    expect(
      stoppedForText({
        ...current,
        people: [
          here('Harry Potter', true),
          here('Hermione Granger'),
          here('Ron Weasley')
        ]
      })
    ).toBe(
      'Connected now: Harry Potter (you), Hermione Granger, Ron Weasley. The switch stops ' +
        'the space for all of them: Hermione Granger and Ron Weasley lose their running ' +
        'kernels and terminals too, and their open documents are saved first.'
    );
  });

  it('says nothing more when nobody else is there, or nobody is known', () => {
    expect(stoppedForText({ ...current, people: [here('Harry Potter', true)] })).toBe('');
    expect(stoppedForText({ ...current, people: null })).toBe('');
  });
});

import { describe, expect, it } from 'vitest';

import { changeToAnnounce } from './announce';

const note = (at: string, by: string) => ({
  at,
  by: { name: by, display_name: by },
  text: `${by} set the timeout to 90 min (was 60 min).`
});

describe('a change of the shared settings', () => {
  it('is announced when someone else made it after the page loaded', () => {
    const ron = note('2026-12-06T20:00:00Z', 'ron');
    expect(changeToAnnounce(null, ron, 'harry')).toEqual(ron);
    expect(changeToAnnounce('2026-12-06T19:00:00Z', ron, 'harry')).toEqual(ron);
  });

  it('is not announced at page load, twice, or to the person who made it', () => {
    const ron = note('2026-12-06T20:00:00Z', 'ron');
    expect(changeToAnnounce(undefined, ron, 'harry')).toBeNull();
    expect(changeToAnnounce(ron.at, ron, 'harry')).toBeNull();
    expect(changeToAnnounce(null, ron, 'ron')).toBeNull();
    expect(changeToAnnounce(null, null, 'harry')).toBeNull();
  });
});

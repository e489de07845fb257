import { describe, expect, it } from 'vitest';

import { fontPx, seriesColor } from './theme';

describe('chart theme', () => {
  it("takes the theme's colors first, then distinct hues for the rest", () => {
    const palette = ['#1976d2', '#f57c00'];
    expect(seriesColor(1, palette, false)).toBe('#f57c00');
    const more = Array.from({ length: 50 }, (_, i) => seriesColor(i + 2, palette, true));
    expect(new Set(more).size).toBe(50);
    expect(seriesColor(2, palette, true)).toMatch(/65%\)$/); // light on a dark theme
    expect(seriesColor(2, palette, false)).toMatch(/38%\)$/);
  });

  it('gives uPlot a font size in whole pixels (em sizes fall back to 12)', () => {
    expect(fontPx('13px')).toBe(12);
    expect(fontPx('0.83333em')).toBe(12);
    expect(fontPx('20px')).toBe(18);
  });
});

/**
 * The charts' colors, read from JupyterLab's CSS variables, so that a chart follows the
 * theme (Light, Dark, any other) like the rest of the page.
 */

export interface IChartTheme {
  text: string;
  grid: string;
  axis: string;
  background: string;
  font: string;
  dark: boolean;
  /** The theme's own accent colors, the first series' colors. */
  palette: string[];
}

/** The variables whose colors the first series take, in order. */
export const PALETTE_VARIABLES = [
  '--jp-brand-color1',
  '--jp-warn-color1',
  '--jp-success-color1',
  '--jp-error-color1',
  '--jp-accent-color1',
  '--jp-brand-color3',
  '--jp-warn-color3',
  '--jp-success-color3'
];

/**
 * The color of series `index`: the theme's palette first, then hues spread by the golden
 * angle (so neighbours differ), light on a dark theme and deep on a light one.
 */
export function seriesColor(
  index: number,
  palette: readonly string[],
  dark: boolean
): string {
  if (index < palette.length) {
    return palette[index];
  }
  const hue = Math.round((index * 137.508) % 360);
  return `hsl(${hue}, 65%, ${dark ? 65 : 38}%)`;
}

/**
 * A CSS font size as the whole pixels uPlot needs (it scales the `NNpx` of a canvas font
 * for the screen's pixel ratio, and draws no tick values without one); 12 otherwise.
 */
export function fontPx(size: string): number {
  const match = /^(\d+(?:\.\d+)?)px$/.exec(size.trim());
  return match ? Math.max(9, Math.round(Number(match[1]) * 0.9)) : 12;
}

/** The theme now; read again when JupyterLab switches theme. */
export function readChartTheme(element: Element = document.body): IChartTheme {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) =>
    style.getPropertyValue(name).trim() || fallback;
  const dark = document.body.dataset.jpThemeLight === 'false';
  return {
    text: read('--jp-ui-font-color1', dark ? '#ddd' : '#222'),
    axis: read('--jp-ui-font-color2', '#888'),
    grid: read('--jp-border-color2', '#8884'),
    background: read('--jp-layout-color0', dark ? '#111' : '#fff'),
    font: `${fontPx(read('--jp-ui-font-size1', ''))}px ${read('--jp-ui-font-family', 'sans-serif')}`,
    dark,
    palette: PALETTE_VARIABLES.map(name => read(name, '')).filter(Boolean)
  };
}

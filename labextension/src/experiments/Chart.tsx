import * as React from 'react';
import uPlot from 'uplot';

import { IChartTheme, readChartTheme } from './theme';

/** Axes drawn in the theme's colors. */
export function themedAxis(
  theme: IChartTheme,
  extra: Partial<uPlot.Axis> = {}
): uPlot.Axis {
  return {
    stroke: theme.axis,
    font: theme.font,
    labelFont: theme.font,
    grid: { stroke: theme.grid, width: 1 },
    ticks: { stroke: theme.grid, width: 1 },
    ...extra
  };
}

export interface IChartProps {
  /** The chart's accessible name, e.g. "History of val_loss". */
  label: string;
  data: uPlot.AlignedData;
  /** The options for this theme and width (uPlot's own; height is fixed). */
  options: (theme: IChartTheme, width: number) => uPlot.Options;
  height?: number;
}

/**
 * A uPlot chart (canvas) that fills its box's width, follows JupyterLab's theme (drawn
 * again when the theme changes) and is made again when its data change.
 */
export function Chart(props: IChartProps): JSX.Element {
  const box = React.useRef<HTMLDivElement>(null);
  const [themeName, setThemeName] = React.useState(document.body.dataset.jpThemeName);
  const height = props.height ?? 280;

  React.useEffect(() => {
    const observer = new MutationObserver(() =>
      setThemeName(document.body.dataset.jpThemeName)
    );
    observer.observe(document.body, {
      attributes: true,
      attributeFilter: ['data-jp-theme-name', 'data-jp-theme-light']
    });
    return () => observer.disconnect();
  }, []);

  React.useEffect(() => {
    const element = box.current;
    if (!element) {
      return;
    }
    const theme = readChartTheme(element);
    const width = Math.max(element.clientWidth, 200);
    const chart = new uPlot(
      { ...props.options(theme, width), width, height },
      props.data,
      element
    );
    const resizer = new ResizeObserver(() => {
      const now = Math.max(element.clientWidth, 200);
      if (now !== chart.width) {
        chart.setSize({ width: now, height });
      }
    });
    resizer.observe(element);
    return () => {
      resizer.disconnect();
      chart.destroy();
    };
  }, [props.data, props.options, themeName, height]);

  return (
    <div className="jp-dsws-exp-chart" ref={box} role="figure" aria-label={props.label} />
  );
}

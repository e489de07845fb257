import * as React from 'react';

import type { RegistryTrendPoint } from '../generated/api-types';
import { formatMetric, trendShape } from './sheet';

const WIDTH = 120;
const HEIGHT = 32;

/**
 * A metric from v1 to vN of one group, as a small line: hand-drawn SVG, the compared
 * versions' points filled.
 */
export function TrendChart(props: {
  group: string;
  metric: string;
  series: RegistryTrendPoint[];
  marked: Set<number>;
}): JSX.Element | null {
  const shape = trendShape(props.series, props.marked, WIDTH, HEIGHT);
  if (!shape.points.length) {
    return null;
  }
  const first = shape.points[0];
  const last = shape.points[shape.points.length - 1];
  const label =
    `${props.metric} of ${props.group} from v${first.version} to v${last.version}: ` +
    shape.points.map(p => `v${p.version} ${formatMetric(p.value)}`).join(', ');
  return (
    <svg
      className="jp-dsws-reg-trend"
      role="img"
      aria-label={`Trend of ${props.metric} in ${props.group}`}
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
    >
      <title>{label}</title>
      <polyline className="jp-dsws-reg-trend-line" points={shape.polyline} />
      {shape.points.map(p => (
        <circle
          key={p.version}
          className={
            p.marked ? 'jp-dsws-reg-trend-point jp-mod-marked' : 'jp-dsws-reg-trend-point'
          }
          cx={p.x}
          cy={p.y}
          r={p.marked ? 3 : 2}
        >
          <title>{`v${p.version}: ${formatMetric(p.value)}`}</title>
        </circle>
      ))}
    </svg>
  );
}

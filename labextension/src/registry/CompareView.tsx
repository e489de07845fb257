import { Button } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { RegistryComparison } from '../generated/api-types';
import { useChanged } from '../ui/changed';
import { TabHead, WideTable } from '../ui/tab';
import { ApprovalButtons, StatusBadge } from './approval';
import { RegistryModel } from './model';
import { compareRows, formatMetric, ICompareRow } from './sheet';
import { CompareModel } from './tabs/compare';
import { TrendChart } from './TrendChart';

export interface ICompareViewProps {
  model: CompareModel;
  registry: RegistryModel;
  openVersion: (group: string, version: number) => void;
}

/** The trend charts of one metric: one per group among the compared versions. */
function Trends(props: { comparison: RegistryComparison; metric: string }): JSX.Element {
  const { comparison, metric } = props;
  const groups = [...new Set(comparison.versions.map(v => v.group))];
  return (
    <span className="jp-dsws-reg-trends">
      {groups.map(group => {
        const series = comparison.trends?.[group]?.[metric] ?? [];
        const marked = new Set(
          comparison.versions.filter(v => v.group === group).map(v => v.version)
        );
        return (
          <TrendChart
            key={group}
            group={group}
            metric={metric}
            series={series}
            marked={marked}
          />
        );
      })}
    </span>
  );
}

function Row(props: { row: ICompareRow; comparison: RegistryComparison }): JSX.Element {
  const { row, comparison } = props;
  const direction = comparison.directions?.[row.name] ?? null;
  return (
    <tr
      className={`jp-dsws-reg-compare-${row.kind}${row.differs ? ' jp-mod-differs' : ''}`}
      aria-label={row.name}
    >
      <th scope="row">
        {row.name}
        {row.kind === 'metric' && direction && (
          <span
            className="jp-dsws-muted"
            title={direction === 'up' ? 'Higher is better' : 'Lower is better'}
          >
            {direction === 'up' ? ' ↑' : ' ↓'}
          </span>
        )}
      </th>
      {row.values.map((value, index) => {
        const version = comparison.versions[index];
        const best = row.best !== null && row.best === version.arn;
        return (
          <td
            key={version.arn}
            className={best ? 'jp-dsws-reg-best' : undefined}
            title={best ? 'best' : undefined}
          >
            {typeof value === 'number' ? formatMetric(value) : (value ?? '')}
            {row.kind === 'metric' && typeof value === 'number' && (
              <StdOf comparison={comparison} index={index} metric={row.name} />
            )}
          </td>
        );
      })}
      <td className="jp-dsws-reg-trend-cell">
        {row.kind === 'metric' && <Trends comparison={comparison} metric={row.name} />}
      </td>
    </tr>
  );
}

function StdOf(props: {
  comparison: RegistryComparison;
  index: number;
  metric: string;
}): JSX.Element | null {
  const std = props.comparison.versions[props.index].metrics_std?.[props.metric];
  return typeof std === 'number' ? (
    <span className="jp-dsws-muted"> ± {formatMetric(std)}</span>
  ) : null;
}

/** A heading row (Parameters, Metrics), then its rows, or `none` when it has none. */
function RowGroup(props: {
  title: string;
  rows: ICompareRow[];
  comparison: RegistryComparison;
  none: string;
}): JSX.Element {
  const span = props.comparison.versions.length + 2;
  return (
    <>
      <tr className="jp-dsws-reg-compare-heading">
        <th colSpan={span}>{props.title}</th>
      </tr>
      {props.rows.map(row => (
        <Row key={row.name} row={row} comparison={props.comparison} />
      ))}
      {props.rows.length === 0 && (
        <tr>
          <td colSpan={span} className="jp-dsws-muted">
            {props.none}
          </td>
        </tr>
      )}
    </>
  );
}

function Table(props: {
  comparison: RegistryComparison;
  model: CompareModel;
  registry: RegistryModel;
  openVersion: (group: string, version: number) => void;
}): JSX.Element {
  const { comparison, model, registry } = props;
  const rows = compareRows(comparison, model.differencesOnly);
  const params = rows.filter(r => r.kind === 'param');
  const metrics = rows.filter(r => r.kind === 'metric');
  return (
    <WideTable className="jp-dsws-reg-compare" label="Comparison">
      <thead>
        <tr>
          <th />
          {comparison.versions.map(version => (
            <th
              key={version.arn}
              scope="col"
              aria-label={`${version.group} v${version.version}`}
            >
              <Button
                className="jp-dsws-reg-link"
                aria-label={`Open ${version.group} version ${version.version}`}
                title={version.arn}
                onClick={() => props.openVersion(version.group, version.version)}
              >
                {version.group} v{version.version}
              </Button>
              <div>
                <StatusBadge status={version.status} />
              </div>
              <ApprovalButtons registry={registry} version={version} />
            </th>
          ))}
          <th scope="col">Trend (v1 → vN)</th>
        </tr>
      </thead>
      <tbody>
        <RowGroup
          title="Parameters"
          rows={params}
          comparison={comparison}
          none={model.differencesOnly ? 'No parameter differs.' : 'No parameters.'}
        />
        <RowGroup
          title="Metrics"
          rows={metrics}
          comparison={comparison}
          none={model.differencesOnly ? 'No metric differs.' : 'No metrics.'}
        />
      </tbody>
    </WideTable>
  );
}

/** Versions side by side: parameters, metrics with the best marked, trends, decisions. */
export function CompareView(props: ICompareViewProps): JSX.Element {
  const { model, registry } = props;
  useChanged(model.changed);
  const comparison = model.comparison;
  const errors = (comparison?.versions ?? []).filter(v => v.metrics_error);
  return (
    <section
      className="jp-dsws-reg-tab jp-dsws-reg-compare-view"
      aria-label="Compare versions"
    >
      {/* The metrics warnings come with a comparison only, so never beside "Comparing…". */}
      <TabHead
        title={`Compare ${model.arns.length} versions`}
        model={model}
        refresh="Refresh comparison"
        waiting={{ until: !comparison, text: 'Comparing…' }}
        fetched={comparison}
        link={{
          what: 'this comparison',
          to: () => ({ view: 'models-compare', arns: model.arns })
        }}
      >
        <label className="jp-dsws-reg-switch">
          <input
            type="checkbox"
            role="switch"
            aria-label="Differences only"
            checked={model.differencesOnly}
            onChange={event => (model.differencesOnly = event.target.checked)}
          />
          Differences only
        </label>
      </TabHead>
      {errors.map(v => (
        <div className="jp-dsws-reg-warning" role="alert" key={v.arn}>
          <p>
            {v.group} v{v.version}: {v.metrics_error}
          </p>
        </div>
      ))}
      {comparison && (
        <Table
          comparison={comparison}
          model={model}
          registry={registry}
          openVersion={props.openVersion}
        />
      )}
    </section>
  );
}

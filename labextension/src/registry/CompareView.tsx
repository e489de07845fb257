import { Button, UseSignal } from '@jupyterlab/ui-components';
import * as React from 'react';

import { CopyLinkButton } from '../links/copy';
import { AsOf } from '../ui/freshness';
import { LoadState, RefreshButton } from '../ui/parts';
import { IComparison } from './api';
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
function Trends(props: { comparison: IComparison; metric: string }): JSX.Element {
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

function Row(props: { row: ICompareRow; comparison: IComparison }): JSX.Element {
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
  comparison: IComparison;
  index: number;
  metric: string;
}): JSX.Element | null {
  const std = props.comparison.versions[props.index].metrics_std?.[props.metric];
  return typeof std === 'number' ? (
    <span className="jp-dsws-muted"> ± {formatMetric(std)}</span>
  ) : null;
}

function Table(props: {
  comparison: IComparison;
  model: CompareModel;
  registry: RegistryModel;
  openVersion: (group: string, version: number) => void;
}): JSX.Element {
  const { comparison, model, registry } = props;
  const rows = compareRows(comparison, model.differencesOnly);
  const params = rows.filter(r => r.kind === 'param');
  const metrics = rows.filter(r => r.kind === 'metric');
  const span = comparison.versions.length + 2;
  return (
    <div className="jp-dsws-scroll-x">
      <table className="jp-dsws-table jp-dsws-reg-compare" aria-label="Comparison">
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
          <tr className="jp-dsws-reg-compare-heading">
            <th colSpan={span}>Parameters</th>
          </tr>
          {params.map(row => (
            <Row key={`p-${row.name}`} row={row} comparison={comparison} />
          ))}
          {params.length === 0 && (
            <tr>
              <td colSpan={span} className="jp-dsws-muted">
                {model.differencesOnly ? 'No parameter differs.' : 'No parameters.'}
              </td>
            </tr>
          )}
          <tr className="jp-dsws-reg-compare-heading">
            <th colSpan={span}>Metrics</th>
          </tr>
          {metrics.map(row => (
            <Row key={`m-${row.name}`} row={row} comparison={comparison} />
          ))}
          {metrics.length === 0 && (
            <tr>
              <td colSpan={span} className="jp-dsws-muted">
                {model.differencesOnly ? 'No metric differs.' : 'No metrics.'}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** Versions side by side: parameters, metrics with the best marked, trends, decisions. */
export function CompareView(props: ICompareViewProps): JSX.Element {
  const { model, registry } = props;
  return (
    <UseSignal signal={model.changed}>
      {() => {
        const comparison = model.comparison;
        const errors = (comparison?.versions ?? []).filter(v => v.metrics_error);
        return (
          <section
            className="jp-dsws-reg-tab jp-dsws-reg-compare-view"
            aria-label="Compare versions"
          >
            <div className="jp-dsws-reg-toolbar">
              <h2>Compare {model.arns.length} versions</h2>
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
              <CopyLinkButton
                what="this comparison"
                link={() => ({ view: 'models-compare', arns: model.arns })}
              />
              <RefreshButton
                label="Refresh comparison"
                loading={model.loading}
                onClick={() => model.load(true)}
              />
            </div>
            {/* The metrics warnings come with a comparison only, so never beside "Comparing…". */}
            <LoadState error={model.error} waiting={!comparison} text="Comparing…" />
            <AsOf fetched={comparison} />
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
      }}
    </UseSignal>
  );
}

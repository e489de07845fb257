import { Button, HTMLSelect, UseSignal } from '@jupyterlab/ui-components';
import * as React from 'react';

import { formatMetric } from '../registry/sheet';
import { CopyLinkButton } from '../links/copy';
import { AsOf } from '../ui/freshness';
import { ErrorAlert, LoadState, RefreshButton } from '../ui/parts';
import { IRun, IRunComparison } from './api';
import { HistoryChart, ScatterChart } from './CompareCharts';
import { compareRunRows, scatterParams } from './compare';
import { RunsCompareModel } from './comparing';

export interface ICompareRunsViewProps {
  model: RunsCompareModel;
  /** The experiment's name, for the link's tab title. */
  experiment: string;
  register: (run: IRun) => void;
}

function CompareTable(props: {
  comparison: IRunComparison;
  differencesOnly: boolean;
  register: (run: IRun) => void;
}): JSX.Element {
  const { comparison } = props;
  const rows = compareRunRows(comparison, props.differencesOnly);
  return (
    <div className="jp-dsws-scroll-x">
      <table className="jp-dsws-table jp-dsws-reg-compare" aria-label="Compared runs">
        <thead>
          <tr>
            <th />
            {comparison.runs.map(run => (
              <th key={run.id} title={run.id}>
                {run.name}
                <div>
                  <Button
                    small
                    minimal
                    className="jp-dsws-button"
                    aria-label={`Register run ${run.name}`}
                    onClick={() => props.register(run)}
                  >
                    Register
                  </Button>
                </div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(row => (
            <tr
              key={`${row.kind}:${row.name}`}
              className={row.differs ? 'jp-dsws-exp-differs' : undefined}
              aria-label={`${row.kind} ${row.name}`}
            >
              <th scope="row">
                {row.name}
                {row.differs && <span className="jp-dsws-reg-hidden"> (differs)</span>}
              </th>
              {row.values.map((value, index) => {
                const run = comparison.runs[index];
                const best = row.best === run.id;
                return (
                  <td
                    key={run.id}
                    className={best ? 'jp-dsws-exp-best' : undefined}
                    title={best ? `The best ${row.name}` : undefined}
                  >
                    {typeof value === 'number' ? formatMetric(value) : (value ?? '')}
                    {best && (
                      <span className="jp-dsws-exp-best-mark" aria-label="best">
                        {' '}
                        ★
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Two or more runs side by side: the table, the histories overlaid, a param vs a metric. */
export function CompareRunsView(props: ICompareRunsViewProps): JSX.Element {
  const { model } = props;
  return (
    <UseSignal signal={model.changed}>
      {() => {
        const comparison = model.comparison;
        return (
          <section
            className="jp-dsws-reg-tab jp-dsws-exp-compare"
            aria-label={`Compare ${model.runIds.length} runs`}
          >
            <div className="jp-dsws-reg-toolbar">
              <h2>Compare {model.runIds.length} runs</h2>
              <label className="jp-dsws-exp-toggle">
                <input
                  type="checkbox"
                  checked={model.differencesOnly}
                  onChange={event => (model.differencesOnly = event.target.checked)}
                />{' '}
                Differences only
              </label>
              <CopyLinkButton
                what="this comparison"
                link={() => ({
                  view: 'runs-compare',
                  runs: model.runIds,
                  experiment: props.experiment
                })}
              />
              <RefreshButton
                label="Refresh the comparison"
                loading={model.loading}
                onClick={() => model.load(true)}
              />
            </div>
            <LoadState error={model.error} waiting={!comparison} text="Comparing runs…" />
            <AsOf fetched={comparison} source="MLflow" />
            {comparison && (
              <>
                <CompareTable
                  comparison={comparison}
                  differencesOnly={model.differencesOnly}
                  register={props.register}
                />
                <h3 className="jp-dsws-section-title">History</h3>
                <div className="jp-dsws-reg-toolbar">
                  <label>
                    Metric{' '}
                    <HTMLSelect
                      aria-label="Metric history to show"
                      value={model.metric ?? ''}
                      onChange={event => void model.setMetric(event.target.value)}
                      options={comparison.metrics}
                    />
                  </label>
                  {model.historyLoading && (
                    <span className="jp-dsws-muted">Loading…</span>
                  )}
                  {model.history?.series.some(s => s.downsampled) && (
                    <span className="jp-dsws-muted">
                      Long histories are sampled (each stretch's lowest and highest kept).
                    </span>
                  )}
                </div>
                <ErrorAlert message={model.historyError} />
                {model.history && (
                  <HistoryChart history={model.history} runs={comparison.runs} />
                )}
                <h3 className="jp-dsws-section-title">Parameter against metric</h3>
                <div className="jp-dsws-reg-toolbar">
                  <label>
                    Parameter{' '}
                    <HTMLSelect
                      aria-label="Parameter on the x axis"
                      value={model.scatterParam ?? ''}
                      onChange={event => (model.scatterParam = event.target.value)}
                      options={scatterParams(comparison)}
                    />
                  </label>
                  <label>
                    Metric{' '}
                    <HTMLSelect
                      aria-label="Metric on the y axis"
                      value={model.scatterMetric ?? ''}
                      onChange={event => (model.scatterMetric = event.target.value)}
                      options={comparison.metrics}
                    />
                  </label>
                </div>
                {model.scatterParam && model.scatterMetric && (
                  <ScatterChart
                    runs={comparison.runs}
                    param={model.scatterParam}
                    metric={model.scatterMetric}
                  />
                )}
              </>
            )}
          </section>
        );
      }}
    </UseSignal>
  );
}

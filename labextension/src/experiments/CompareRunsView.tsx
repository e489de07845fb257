import { Button } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { Run, RunComparison } from '../generated/api-types';
import { useChanged } from '../ui/changed';
import { formatMetric } from '../registry/sheet';
import { ErrorAlert } from '../ui/parts';
import { LabelledSelect } from '../ui/select';
import { TabHead, WideTable } from '../ui/tab';
import { HistoryChart, ScatterChart } from './CompareCharts';
import { compareRunRows, scatterParams } from './compare';
import { DifferencesOnly } from './DifferencesOnly';
import { RunsCompareModel } from './comparing';

export interface ICompareRunsViewProps {
  model: RunsCompareModel;
  /** The experiment's name, for the link's tab title. */
  experiment: string;
  register: (run: Run) => void;
}

function CompareTable(props: {
  comparison: RunComparison;
  differencesOnly: boolean;
  register: (run: Run) => void;
}): JSX.Element {
  const { comparison } = props;
  const rows = compareRunRows(comparison, props.differencesOnly);
  return (
    <WideTable className="jp-dsws-reg-compare" label="Compared runs">
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
    </WideTable>
  );
}

/** Two or more runs side by side: the table, the histories overlaid, a param vs a metric. */
export function CompareRunsView(props: ICompareRunsViewProps): JSX.Element {
  const { model } = props;
  useChanged(model.changed);
  const comparison = model.comparison;
  return (
    <section
      className="jp-dsws-reg-tab jp-dsws-exp-compare"
      aria-label={`Compare ${model.runIds.length} runs`}
    >
      <TabHead
        title={`Compare ${model.runIds.length} runs`}
        model={model}
        refresh="Refresh the comparison"
        waiting={{ until: !comparison, text: 'Comparing runs…' }}
        fetched={comparison}
        source="MLflow"
        link={{
          what: 'this comparison',
          to: () => ({
            view: 'runs-compare',
            runs: model.runIds,
            experiment: props.experiment
          })
        }}
      >
        <DifferencesOnly model={model} />
      </TabHead>
      {comparison && (
        <>
          <CompareTable
            comparison={comparison}
            differencesOnly={model.differencesOnly}
            register={props.register}
          />
          <h3 className="jp-dsws-section-title">History</h3>
          <div className="jp-dsws-reg-toolbar">
            <LabelledSelect
              label="Metric"
              name="Metric history to show"
              value={model.metric ?? ''}
              choices={comparison.metrics}
              onChange={metric => void model.setMetric(metric)}
            />
            {model.historyLoading && <span className="jp-dsws-muted">Loading…</span>}
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
            <LabelledSelect
              label="Parameter"
              name="Parameter on the x axis"
              value={model.scatterParam ?? ''}
              choices={scatterParams(comparison)}
              onChange={param => (model.scatterParam = param)}
            />
            <LabelledSelect
              label="Metric"
              name="Metric on the y axis"
              value={model.scatterMetric ?? ''}
              choices={comparison.metrics}
              onChange={metric => (model.scatterMetric = metric)}
            />
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
}

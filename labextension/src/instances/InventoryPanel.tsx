import { Button } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { InventoryRow } from '../generated/api-types';
import { useChanged } from '../ui/changed';
import { ErrorAlert } from '../ui/parts';
import { LabelledSelect } from '../ui/select';
import { WideTable } from '../ui/tab';
import { GpuNeed, Preference } from './api';
import { formatMonthly, formatSize } from './format';
import { describeProblem, InventoryModel } from './inventory';
import { PREFERENCES } from './WorkloadForm';

const EXAMPLE =
  'User,Feature,Model,Memory,GPU usage\nHarry Potter,Sorting Hat algorithm,XGBoost,15 Mb,No';

const GPU_TEXT: Record<GpuNeed, string> = {
  yes: 'Yes',
  no: 'No',
  auto: 'Tool decides'
};

function RowView(props: { row: InventoryRow }): JSX.Element {
  const { row } = props;
  const rec = row.recommendation;
  return (
    <tr aria-label={`Line ${row.line}`}>
      <td className="jp-dsws-inst-num">{row.line}</td>
      <td>{row.user}</td>
      <td>{row.feature}</td>
      <td className="jp-dsws-inst-nowrap">{row.model}</td>
      <td className="jp-dsws-inst-num">{formatSize(row.memory_gb)}</td>
      <td className="jp-dsws-inst-nowrap">{GPU_TEXT[row.gpu] ?? row.gpu}</td>
      {rec ? (
        <>
          <td>
            <span className="jp-dsws-inst-type">{rec.type}</span>
            {rec.price_estimated && (
              <span className="jp-dsws-inst-estimate" title="The price is an estimate">
                {' '}
                ≈
              </span>
            )}
            {rec.reasons.length > 0 && (
              <details className="jp-dsws-inst-why">
                <summary>Why</summary>
                <ul className="jp-dsws-inst-reasons">
                  {rec.reasons.map((reason, index) => (
                    <li key={index}>{reason}</li>
                  ))}
                </ul>
              </details>
            )}
          </td>
          <td className="jp-dsws-inst-num">
            {formatMonthly(rec.monthly_cost_with_idle_shutdown)}
          </td>
          <td className="jp-dsws-inst-num">{formatMonthly(rec.monthly_cost)}</td>
        </>
      ) : (
        <td colSpan={3}>
          {row.alternative
            ? `${row.alternative.kind === 'emr' ? 'EMR cluster' : 'SageMaker training job'}: ${row.alternative.reason}`
            : 'No instance type fits.'}
        </td>
      )}
    </tr>
  );
}

/** The team inventory tab: a CSV in, a recommendation per row and the team's total out. */
export function InventoryPanel(props: { model: InventoryModel }): JSX.Element {
  const { model } = props;
  const chooseFile = async (event: React.ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // choosing the same file again reads it again
    if (file) {
      await model.loadFile(file.name, await file.text());
    }
  };
  useChanged(model.changed);
  const { result, problem } = model;
  return (
    <section className="jp-dsws-inst-tab" aria-label="Team inventory">
      <p className="jp-dsws-muted">
        The team's models, one per line, with the columns User, Feature, Model, Memory
        (e.g. "15 Mb") and GPU usage (Yes/No). Paste the CSV or choose a file: it is read
        here in the browser and sent to this server only.
      </p>
      <textarea
        className="jp-mod-styled jp-dsws-inst-csv"
        aria-label="Inventory CSV"
        placeholder={EXAMPLE}
        rows={6}
        spellCheck={false}
        value={model.csv}
        onChange={event => (model.csv = event.target.value)}
      />
      <div className="jp-dsws-toolbar jp-dsws-inst-toolbar">
        <label className="jp-dsws-inst-file">
          Choose a CSV file{' '}
          <input
            type="file"
            accept=".csv,text/csv,text/plain"
            aria-label="Choose a CSV file"
            onChange={event => void chooseFile(event)}
          />
        </label>
        <LabelledSelect
          label="Preference"
          value={model.preference}
          choices={PREFERENCES}
          onChange={preference => (model.preference = preference as Preference)}
        />
        <Button
          className="jp-mod-styled jp-mod-accept jp-dsws-button"
          disabled={model.loading}
          onClick={() => void model.submit()}
        >
          {model.loading ? 'Recommending…' : 'Recommend'}
        </Button>
        {model.fileName && <span className="jp-dsws-muted">From {model.fileName}</span>}
      </div>
      <ErrorAlert message={problem && describeProblem(problem)} />
      {result && (
        <>
          <p className="jp-dsws-muted">
            Monthly costs in {result.region}: with idle shutdown (the hours of work plus
            the idle timeout, each working day) and if left running all month.
          </p>
          <WideTable className="jp-dsws-inst-table" label="Recommendations per model">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">User</th>
                <th scope="col">Feature</th>
                <th scope="col">Model</th>
                <th scope="col">Memory</th>
                <th scope="col">GPU</th>
                <th scope="col">Instance</th>
                <th scope="col">With idle shutdown</th>
                <th scope="col">Left running</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map(row => (
                <RowView key={row.line} row={row} />
              ))}
            </tbody>
            <tfoot>
              <tr aria-label="Team total">
                <th scope="row" colSpan={7}>
                  Team total ({result.rows.length}{' '}
                  {result.rows.length === 1 ? 'model' : 'models'})
                </th>
                <td className="jp-dsws-inst-num">
                  {formatMonthly(result.total_monthly_cost_with_idle_shutdown)}
                </td>
                <td className="jp-dsws-inst-num">
                  {formatMonthly(result.total_monthly_cost)}
                </td>
              </tr>
            </tfoot>
          </WideTable>
        </>
      )}
    </section>
  );
}

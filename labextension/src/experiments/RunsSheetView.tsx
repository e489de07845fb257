import { Button } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { Run } from '../generated/api-types';
import { useChanged } from '../ui/changed';
import { formatMetric, formatTime } from '../registry/sheet';
import { LoadMore, SortHeaderRow } from '../ui/parts';
import { TabHead, WideTable } from '../ui/tab';
import { recordedBy } from '../ui/people';
import { ColumnChooser } from './ColumnChooser';
import { DifferencesOnly } from './DifferencesOnly';
import { FilterForm } from './FilterForm';
import { MAX_COMPARE, RunsSheetModel } from './runs';
import { IRunColumn, nextRunSort, RunSortKey } from './sheet';

export interface IRunsSheetViewProps {
  model: RunsSheetModel;
  openCompare: (runIds: string[], experiment: string) => void;
  register: (run: Run) => void;
  openVersion: (group: string, version: number) => void;
}

function Cell(props: { run: Run; column: IRunColumn; best: boolean }): JSX.Element {
  const { run, column } = props;
  if (column.kind === 'metric') {
    return (
      <td
        className={`jp-dsws-reg-metric${props.best ? ' jp-dsws-exp-best' : ''}`}
        data-metric={column.name}
        title={props.best ? `The best ${column.name} of the loaded runs` : undefined}
      >
        {formatMetric(run.metrics[column.name])}
        {props.best && (
          <span className="jp-dsws-exp-best-mark" aria-label="best">
            {' '}
            ★
          </span>
        )}
      </td>
    );
  }
  const value = column.kind === 'param' ? run.params[column.name] : run.tags[column.name];
  return <td className="jp-dsws-reg-param">{value ?? ''}</td>;
}

function RunRow(props: {
  run: Run;
  model: RunsSheetModel;
  columns: IRunColumn[];
  best: Record<string, Set<string>>;
  register: () => void;
  openVersion: (group: string, version: number) => void;
}): JSX.Element {
  const { run, model } = props;
  return (
    <tr className="jp-dsws-reg-row" aria-label={`Run ${run.name}`}>
      <td>
        <input
          type="checkbox"
          aria-label={`Select run ${run.name}`}
          checked={model.selection.has(run.id)}
          onChange={() => model.selection.toggle(run)}
        />
      </td>
      <td className="jp-dsws-exp-run-name" title={run.id}>
        {run.name}
      </td>
      <td>{run.status}</td>
      <td>{formatTime(run.start)}</td>
      <td>{run.user ?? ''}</td>
      <td className="jp-dsws-exp-source" title={run.source ?? ''}>
        {run.source ?? ''}
      </td>
      {props.columns.map(column => (
        <Cell
          key={`${column.kind}:${column.name}`}
          run={run}
          column={column}
          best={column.kind === 'metric' && !!props.best[column.name]?.has(run.id)}
        />
      ))}
      <td className="jp-dsws-exp-actions">
        {run.registered.map(r => (
          <Button
            key={`${r.group}:${r.version}`}
            className="jp-dsws-reg-link"
            aria-label={`Open ${r.group} version ${r.version} in Models`}
            title={r.by ? `Registered by ${recordedBy(r.by)}` : undefined}
            onClick={() => props.openVersion(r.group, r.version)}
          >
            {r.group} v{r.version}
          </Button>
        ))}
        <Button
          small
          minimal
          className="jp-dsws-button"
          aria-label={`Register run ${run.name}`}
          onClick={props.register}
        >
          Register
        </Button>
      </td>
    </tr>
  );
}

/** Under the filter: which columns, and the selected runs compared or cleared. */
function SelectionBar(props: {
  model: RunsSheetModel;
  openCompare: (runIds: string[], experiment: string) => void;
}): JSX.Element {
  const { model } = props;
  const selected = model.selection.items;
  const tooMany = selected.length > MAX_COMPARE;
  return (
    <div className="jp-dsws-reg-toolbar">
      <DifferencesOnly model={model} />
      <ColumnChooser model={model} />
      <Button
        className="jp-dsws-button jp-mod-accept"
        aria-label="Compare the selected runs"
        disabled={selected.length < 2 || tooMany}
        title={
          selected.length < 2
            ? 'Select two or more runs to compare them.'
            : tooMany
              ? `Compare at most ${MAX_COMPARE} runs at once.`
              : selected.map(run => run.name).join(', ')
        }
        onClick={() =>
          props.openCompare(
            selected.map(run => run.id),
            model.experimentName
          )
        }
      >
        Compare{selected.length ? ` ${selected.length}` : ''}
      </Button>
      {selected.length > 0 && (
        <Button
          className="jp-dsws-button"
          aria-label="Clear the selection"
          onClick={() => model.selection.clear()}
        >
          Clear
        </Button>
      )}
      <span className="jp-dsws-muted" role="status">
        {model.loaded &&
          `${model.runs.length} run${model.runs.length === 1 ? '' : 's'}` +
            (model.hasMore ? ' loaded, more on the server' : '')}
      </span>
    </div>
  );
}

/** An experiment's runs as a sheet: runs × (metrics ∪ params ∪ chosen tags). */
export function RunsSheetView(props: IRunsSheetViewProps): JSX.Element {
  const { model } = props;
  useChanged(model.changed);
  const columns = model.columns;
  const best = model.best;
  return (
    <section
      className="jp-dsws-reg-tab jp-dsws-exp-sheet"
      aria-label={`Runs of ${model.experimentName}`}
    >
      <TabHead
        title={model.experimentName}
        model={model}
        refresh="Refresh runs"
        waiting={{ until: !model.loaded, text: 'Loading runs…' }}
        fetched={model.fetched}
        source="MLflow"
        link={{
          what: 'this runs sheet',
          to: () => ({
            view: 'runs',
            experiment: model.experimentId,
            name: model.experimentName,
            runs: model.view
          })
        }}
        below={
          <>
            <FilterForm model={model} />
            <SelectionBar model={model} openCompare={props.openCompare} />
          </>
        }
      />
      {model.loaded && model.runs.length === 0 && !model.error && (
        <p className="jp-dsws-muted">
          {model.filter
            ? 'No run matches this filter.'
            : 'No runs yet in this experiment: a notebook logs one with ' +
              'mlflow.set_experiment() and mlflow.start_run(), as the example ' +
              'notebooks of Help → Getting Started do.'}
        </p>
      )}
      {model.runs.length > 0 && (
        <WideTable className="jp-dsws-reg-table" label="Runs">
          <thead>
            <SortHeaderRow<RunSortKey>
              columns={[
                { key: { kind: 'name' }, label: 'Run' },
                { key: { kind: 'status' }, label: 'Status' },
                { key: { kind: 'start' }, label: 'Started' },
                { key: { kind: 'user' }, label: 'User' },
                { key: { kind: 'source' }, label: 'Source' },
                ...columns.map(column => ({
                  key: column,
                  label: column.kind === 'tag' ? `#${column.name}` : column.name,
                  className:
                    column.kind === 'metric' ? 'jp-dsws-reg-metric' : 'jp-dsws-reg-param'
                }))
              ]}
              sort={model.sort}
              onSort={key => void model.setSort(nextRunSort(model.sort, key))}
              after={<th>Registered</th>}
            />
          </thead>
          <tbody>
            {model.rows.map(run => (
              <RunRow
                key={run.id}
                run={run}
                model={model}
                columns={columns}
                best={best}
                register={() => props.register(run)}
                openVersion={props.openVersion}
              />
            ))}
          </tbody>
        </WideTable>
      )}
      <LoadMore model={model} of="runs" />
    </section>
  );
}

import { Button } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { RegistryVersion } from '../generated/api-types';
import { useChanged } from '../ui/changed';
import { LoadMore, SortHeaderRow } from '../ui/parts';
import { personTitle } from '../ui/people';
import { LabelledSelect } from '../ui/select';
import { TabHead, WideTable } from '../ui/tab';
import { STATUSES } from './api';
import { StatusBadge } from './approval';
import { RegistryModel } from './model';
import {
  createdBy,
  formatMetric,
  formatTime,
  nextSort,
  SortKey,
  statusLabel
} from './sheet';
import { SheetModel } from './tabs/sheet';

export interface ISheetViewProps {
  model: SheetModel;
  registry: RegistryModel;
  openVersion: (group: string, version: number) => void;
  openCompare: (arns: string[]) => void;
}

function VersionRow(props: {
  version: RegistryVersion;
  params: string[];
  metrics: string[];
  registry: RegistryModel;
  open: () => void;
}): JSX.Element {
  const { version, registry } = props;
  return (
    <tr
      className="jp-dsws-reg-row"
      aria-label={`Version ${version.version}`}
      onClick={props.open}
    >
      <td onClick={event => event.stopPropagation()}>
        <input
          type="checkbox"
          aria-label={`Select version ${version.version}`}
          checked={registry.selection.has(version.arn)}
          onChange={() => registry.selection.toggle(version)}
        />
      </td>
      <td>
        <Button
          className="jp-dsws-reg-link"
          aria-label={`Open version ${version.version}`}
          onClick={event => {
            event.stopPropagation();
            props.open();
          }}
        >
          v{version.version}
        </Button>
        {version.metrics_error && (
          <span
            className="jp-dsws-reg-metrics-error"
            role="img"
            aria-label={`Metrics problem: ${version.metrics_error}`}
            title={version.metrics_error}
          >
            {' '}
            ⚠
          </span>
        )}
      </td>
      <td>
        <StatusBadge status={version.status} />
      </td>
      <td>{formatTime(version.created)}</td>
      <td title={personTitle(version.registered_by)}>{createdBy(version)}</td>
      {props.metrics.map(name => (
        <td key={`m-${name}`} className="jp-dsws-reg-metric" data-metric={name}>
          {formatMetric(version.metrics?.[name])}
        </td>
      ))}
      {props.params.map(name => (
        <td key={`p-${name}`} className="jp-dsws-reg-param">
          {version.params?.[name] ?? ''}
        </td>
      ))}
    </tr>
  );
}

/** A group's versions as a sheet: the team's old spreadsheet, kept by SageMaker. */
export function SheetView(props: ISheetViewProps): JSX.Element {
  const { model, registry } = props;
  useChanged(registry.changed);
  useChanged(model.changed);
  const { params, metrics } = model.columns;
  const selected = registry.selection.items;
  return (
    <section
      className="jp-dsws-reg-tab jp-dsws-reg-sheet"
      aria-label={`Versions of ${model.group}`}
    >
      <TabHead
        title={model.group}
        model={model}
        refresh="Refresh versions"
        waiting={{ until: !model.loaded, text: 'Loading versions…' }}
        fetched={model.fetched}
        link={{
          what: 'this sheet',
          to: () => ({
            view: 'models-group',
            group: model.group,
            status: model.statusFilter
          })
        }}
      >
        <LabelledSelect
          label="Status"
          name="Filter by status"
          value={model.statusFilter}
          choices={[
            { value: '', label: 'All' },
            ...STATUSES.map(status => ({
              value: status,
              label: statusLabel(status)
            }))
          ]}
          onChange={status => void model.setStatusFilter(status)}
        />
        <Button
          className="jp-mod-styled jp-mod-accept jp-dsws-button"
          aria-label="Compare"
          disabled={selected.length < 2}
          title={
            selected.length < 2
              ? 'Select two or more versions (of any groups) to compare them.'
              : selected.map(v => `${v.group} v${v.version}`).join(', ')
          }
          onClick={() => props.openCompare(selected.map(v => v.arn))}
        >
          Compare{selected.length ? ` ${selected.length}` : ''}
        </Button>
        {selected.length > 0 && (
          <Button
            className="jp-mod-styled jp-mod-reject jp-dsws-button"
            aria-label="Clear the selection"
            onClick={() => registry.selection.clear()}
          >
            Clear selection
          </Button>
        )}
      </TabHead>
      {model.loaded && model.versions.length === 0 && (
        <p className="jp-dsws-muted">
          {model.statusFilter
            ? `No version is ${statusLabel(model.statusFilter)}.`
            : 'This group has no versions yet.'}
        </p>
      )}
      {model.versions.length > 0 && (
        <WideTable className="jp-dsws-reg-table" label="Versions">
          <thead>
            <SortHeaderRow<SortKey>
              columns={[
                { key: { kind: 'version' }, label: 'Version' },
                { key: { kind: 'status' }, label: 'Status' },
                { key: { kind: 'created' }, label: 'Created' },
                { key: { kind: 'created_by' }, label: 'Created by' },
                ...metrics.map(name => ({
                  key: { kind: 'metric' as const, name },
                  label: name,
                  className: 'jp-dsws-reg-metric'
                })),
                ...params.map(name => ({
                  key: { kind: 'param' as const, name },
                  label: name,
                  className: 'jp-dsws-reg-param'
                }))
              ]}
              sort={model.sort}
              onSort={key => (model.sort = nextSort(model.sort, key))}
            />
          </thead>
          <tbody>
            {model.rows.map(version => (
              <VersionRow
                key={version.arn}
                version={version}
                params={params}
                metrics={metrics}
                registry={registry}
                open={() => props.openVersion(version.group, version.version)}
              />
            ))}
          </tbody>
        </WideTable>
      )}
      <LoadMore model={model} of="versions" />
    </section>
  );
}

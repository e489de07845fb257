import { Button, InputGroup } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { Instance } from '../generated/api-types';
import { useChanged } from '../ui/changed';
import { LoadState, RefreshButton } from '../ui/parts';
import { LabelledSelect } from '../ui/select';
import { WideTable } from '../ui/tab';
import { CatalogModel, describeSource, SortKey } from './catalog';
import { formatGib, formatHourly } from './format';

const COLUMNS: { key: SortKey | null; label: string; numeric: boolean }[] = [
  { key: 'type', label: 'Type', numeric: false },
  { key: 'vcpu', label: 'vCPU', numeric: true },
  { key: 'memory', label: 'Memory', numeric: true },
  { key: null, label: 'GPUs', numeric: true },
  { key: 'gpu_memory', label: 'GPU memory', numeric: true },
  { key: 'price', label: 'Price per hour', numeric: true }
];

function HeaderCell(props: {
  model: CatalogModel;
  column: (typeof COLUMNS)[number];
}): JSX.Element {
  const { model, column } = props;
  if (column.key === null) {
    return <th scope="col">{column.label}</th>;
  }
  const key = column.key;
  const sorted = model.sortKey === key;
  return (
    <th scope="col" aria-sort={sorted ? model.direction : 'none'}>
      <Button
        className="jp-dsws-inst-sort"
        aria-label={`Sort by ${column.label.toLowerCase()}`}
        onClick={() => model.sortBy(key)}
      >
        {column.label}
        <span aria-hidden="true">
          {sorted ? (model.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
        </span>
      </Button>
    </th>
  );
}

function Row(props: { instance: Instance }): JSX.Element {
  const { instance } = props;
  return (
    <tr
      className={instance.allowed ? '' : 'jp-dsws-inst-forbidden'}
      aria-label={instance.type}
    >
      <td>
        <span className="jp-dsws-inst-type">{instance.type}</span>
        {instance.free_tier && (
          <span className="jp-dsws-inst-badge" title="Part of the free tier">
            free tier
          </span>
        )}
        {!instance.allowed && (
          <span
            className="jp-dsws-inst-badge"
            title="Your admin does not allow this type"
          >
            not allowed
          </span>
        )}
      </td>
      <td className="jp-dsws-inst-num">{instance.vcpu}</td>
      <td className="jp-dsws-inst-num">{formatGib(instance.memory_gib)}</td>
      <td className="jp-dsws-inst-num">
        {instance.gpus > 0 ? `${instance.gpus} × ${instance.gpu_model ?? 'GPU'}` : '–'}
      </td>
      <td className="jp-dsws-inst-num">
        {instance.gpus > 0 ? formatGib(instance.gpu_memory_gib) : '–'}
      </td>
      <td
        className="jp-dsws-inst-num"
        title={instance.price_note ?? 'Read from AWS published pricing'}
      >
        {formatHourly(instance.price_per_hour)}
        {instance.price_estimated && (
          <span className="jp-dsws-inst-estimate" aria-label="estimate">
            {' '}
            ≈
          </span>
        )}
      </td>
    </tr>
  );
}

/** The catalog tab: every instance type with its specs and price, filtered and sorted. */
export function CatalogPanel(props: { model: CatalogModel }): JSX.Element {
  const { model } = props;
  useChanged(model.changed);
  const { catalog, filter } = model;
  const rows = model.rows;
  const estimates = rows.filter(row => row.price_estimated).length;
  return (
    <section className="jp-dsws-inst-tab" aria-label="Instance catalog">
      <div className="jp-dsws-toolbar jp-dsws-inst-toolbar">
        <LabelledSelect
          label="Region"
          value={catalog?.region ?? ''}
          disabled={!catalog}
          choices={catalog?.known_regions ?? []}
          onChange={region => void model.load(region)}
        />
        <InputGroup
          className="jp-dsws-search"
          type="search"
          rightIcon="ui-components:search"
          placeholder="Filter: type, family or GPU"
          aria-label="Filter instance types"
          value={filter.text}
          onChange={event => (model.filter = { ...filter, text: event.target.value })}
        />
        <LabelledSelect
          label="Family"
          name="Instance family"
          value={filter.family}
          choices={[{ value: '', label: 'All' }, ...model.families]}
          onChange={family => (model.filter = { ...filter, family })}
        />
        <label className="jp-dsws-checkbox">
          <input
            type="checkbox"
            aria-label="GPU only"
            checked={filter.gpuOnly}
            onChange={event =>
              (model.filter = { ...filter, gpuOnly: event.target.checked })
            }
          />
          GPU only
        </label>
        <RefreshButton
          label="Reload the catalog"
          text="Reload"
          loading={model.loading}
          onClick={() => model.load(catalog?.region)}
        />
      </div>
      <LoadState
        error={model.error}
        waiting={!catalog}
        text="Loading the catalog…"
        role="status"
      />
      {catalog && (
        <>
          <p className="jp-dsws-muted" aria-label="Price source">
            {describeSource(catalog)}{' '}
            {estimates > 0 &&
              `Prices marked ≈ are estimates (${estimates} shown): hover one for its rule.`}
          </p>
          <p className="jp-dsws-muted">{catalog.free_tier_note}</p>
          <WideTable className="jp-dsws-inst-table" label="Instance types">
            <thead>
              <tr>
                {COLUMNS.map(column => (
                  <HeaderCell key={column.label} model={model} column={column} />
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map(instance => (
                <Row key={instance.type} instance={instance} />
              ))}
            </tbody>
          </WideTable>
          {rows.length === 0 && (
            <p className="jp-dsws-muted">No instance type matches the filter.</p>
          )}
        </>
      )}
    </section>
  );
}

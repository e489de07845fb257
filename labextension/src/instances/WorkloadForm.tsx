import { HTMLSelect, InputGroup } from '@jupyterlab/ui-components';
import * as React from 'react';

import { InstancesModel, MODEL_FAMILIES } from './model';

/** What a person says about the workload: family, size, GPU, hours a day, preference. */
function Field(props: {
  label: string;
  hint?: string;
  error?: string;
  children: React.ReactNode;
}): JSX.Element {
  return (
    <label className="jp-dsws-inst-field">
      <span>{props.label}</span>
      {props.children}
      {props.error ? (
        <span className="jp-dsws-inst-field-error" role="alert">
          {props.error}
        </span>
      ) : (
        props.hint && <span className="jp-dsws-muted">{props.hint}</span>
      )}
    </label>
  );
}

export function WorkloadForm(props: { model: InstancesModel }): JSX.Element {
  const { model } = props;
  const { form } = model;
  const errors = model.formErrors;
  return (
    <form
      className="jp-dsws-inst-form"
      aria-label="Workload"
      onSubmit={event => event.preventDefault()}
    >
      <Field label="Model family">
        <HTMLSelect
          className="jp-mod-styled"
          aria-label="Model family"
          value={form.model}
          onChange={event => model.update({ model: event.target.value })}
        >
          <option value="">Choose…</option>
          {MODEL_FAMILIES.map(family => (
            <option key={family.value} value={family.value}>
              {family.label}
            </option>
          ))}
        </HTMLSelect>
      </Field>
      <div className="jp-dsws-inst-row">
        <Field label="Model size" hint="e.g. 50 MB or 2 GB" error={errors.modelSize}>
          <InputGroup
            className="jp-dsws-field"
            aria-label="Model size"
            placeholder="50 MB"
            value={form.modelSize}
            onChange={event => model.update({ modelSize: event.target.value })}
          />
        </Field>
        <Field label="Data size" hint="GB without a unit" error={errors.dataSize}>
          <InputGroup
            className="jp-dsws-field"
            aria-label="Data size"
            placeholder="1 GB"
            value={form.dataSize}
            onChange={event => model.update({ dataSize: event.target.value })}
          />
        </Field>
      </div>
      <Field label="GPU">
        <HTMLSelect
          className="jp-mod-styled"
          aria-label="GPU"
          value={form.gpu}
          onChange={event => model.update({ gpu: event.target.value as typeof form.gpu })}
        >
          <option value="auto">Let the tool decide</option>
          <option value="yes">Yes</option>
          <option value="no">No</option>
        </HTMLSelect>
      </Field>
      <div className="jp-dsws-inst-row">
        <Field label="Hours per day" error={errors.hoursPerDay}>
          <InputGroup
            className="jp-dsws-field"
            aria-label="Hours per day"
            inputMode="decimal"
            placeholder="default"
            value={form.hoursPerDay}
            onChange={event => model.update({ hoursPerDay: event.target.value })}
          />
        </Field>
        <Field label="Preference">
          <HTMLSelect
            className="jp-mod-styled"
            aria-label="Preference"
            value={form.preference}
            onChange={event =>
              model.update({
                preference: event.target.value as typeof form.preference
              })
            }
          >
            <option value="cheapest">Cheapest</option>
            <option value="balanced">Balanced</option>
            <option value="fastest">Fastest</option>
          </HTMLSelect>
        </Field>
      </div>
      <Field label="Prices of">
        <HTMLSelect
          className="jp-mod-styled"
          aria-label="Region"
          value={form.region}
          onChange={event => model.update({ region: event.target.value })}
        >
          <option value="">
            {model.catalog ? `This region (${model.catalog.region})` : 'This region'}
          </option>
          {(model.catalog?.known_regions ?? [])
            .filter(region => region !== model.catalog?.region)
            .map(region => (
              <option key={region} value={region}>
                {region}
              </option>
            ))}
        </HTMLSelect>
      </Field>
    </form>
  );
}

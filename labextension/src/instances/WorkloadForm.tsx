import { InputGroup } from '@jupyterlab/ui-components';
import * as React from 'react';

import { Choice, ChoiceSelect } from '../ui/select';
import { InstancesModel, MODEL_FAMILIES } from './model';

/** What matters most in a recommendation: here and in the team inventory. */
export const PREFERENCES: Choice[] = [
  { value: 'cheapest', label: 'Cheapest' },
  { value: 'balanced', label: 'Balanced' },
  { value: 'fastest', label: 'Fastest' }
];

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

/** A field typed in, named by its label. */
function TextField(props: {
  label: string;
  hint?: string;
  error?: string;
  placeholder: string;
  inputMode?: 'decimal';
  value: string;
  onChange: (value: string) => void;
}): JSX.Element {
  return (
    <Field label={props.label} hint={props.hint} error={props.error}>
      <InputGroup
        className="jp-dsws-field"
        aria-label={props.label}
        inputMode={props.inputMode}
        placeholder={props.placeholder}
        value={props.value}
        onChange={event => props.onChange(event.target.value)}
      />
    </Field>
  );
}

export function WorkloadForm(props: { model: InstancesModel }): JSX.Element {
  const { model } = props;
  const { form } = model;
  const errors = model.formErrors;
  const catalog = model.catalog;
  return (
    <form
      className="jp-dsws-inst-form"
      aria-label="Workload"
      onSubmit={event => event.preventDefault()}
    >
      <Field label="Model family">
        <ChoiceSelect
          name="Model family"
          value={form.model}
          choices={[{ value: '', label: 'Choose…' }, ...MODEL_FAMILIES]}
          onChange={family => model.update({ model: family })}
        />
      </Field>
      <div className="jp-dsws-inst-row">
        <TextField
          label="Model size"
          hint="e.g. 50 MB or 2 GB"
          error={errors.modelSize}
          placeholder="50 MB"
          value={form.modelSize}
          onChange={modelSize => model.update({ modelSize })}
        />
        <TextField
          label="Data size"
          hint="GB without a unit"
          error={errors.dataSize}
          placeholder="1 GB"
          value={form.dataSize}
          onChange={dataSize => model.update({ dataSize })}
        />
      </div>
      <Field label="GPU">
        <ChoiceSelect
          name="GPU"
          value={form.gpu}
          choices={[
            { value: 'auto', label: 'Let the tool decide' },
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' }
          ]}
          onChange={gpu => model.update({ gpu: gpu as typeof form.gpu })}
        />
      </Field>
      <div className="jp-dsws-inst-row">
        <TextField
          label="Hours per day"
          error={errors.hoursPerDay}
          inputMode="decimal"
          placeholder="default"
          value={form.hoursPerDay}
          onChange={hoursPerDay => model.update({ hoursPerDay })}
        />
        <Field label="Preference">
          <ChoiceSelect
            name="Preference"
            value={form.preference}
            choices={PREFERENCES}
            onChange={preference =>
              model.update({ preference: preference as typeof form.preference })
            }
          />
        </Field>
      </div>
      <Field label="Prices of">
        <ChoiceSelect
          name="Region"
          value={form.region}
          choices={[
            {
              value: '',
              label: catalog ? `This region (${catalog.region})` : 'This region'
            },
            ...(catalog?.known_regions ?? []).filter(known => known !== catalog?.region)
          ]}
          onChange={chosen => model.update({ region: chosen })}
        />
      </Field>
    </form>
  );
}

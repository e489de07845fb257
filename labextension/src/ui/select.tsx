import { HTMLSelect, IOptionProps } from '@jupyterlab/ui-components';
import * as React from 'react';

/** A choice of a select: its value, shown as itself or as `label`. */
export type Choice = string | IOptionProps;

/** A select with its name in front of it ("Family [All ▾]"), in a toolbar. */
export function LabelledSelect(props: {
  /** The name shown in front. */
  label: string;
  /** The accessible name when it says more than `label` ("Instance family"). */
  name?: string;
  value: string;
  choices: Choice[];
  onChange: (value: string) => void;
  disabled?: boolean;
  /** The label's class, e.g. `jp-dsws-exp-toggle`. */
  className?: string;
}): JSX.Element {
  return (
    <label className={props.className}>
      {props.label}{' '}
      <ChoiceSelect
        name={props.name ?? props.label}
        value={props.value}
        choices={props.choices}
        onChange={props.onChange}
        disabled={props.disabled}
      />
    </label>
  );
}

/** The select alone, for a form that sets its own label (its `name` is the accessible one). */
export function ChoiceSelect(props: {
  name: string;
  value: string;
  choices: Choice[];
  onChange: (value: string) => void;
  disabled?: boolean;
}): JSX.Element {
  return (
    <HTMLSelect
      className="jp-mod-styled"
      aria-label={props.name}
      value={props.value}
      disabled={props.disabled}
      onChange={event => props.onChange(event.target.value)}
      options={props.choices}
    />
  );
}

import { Button, HTMLSelect, UseSignal } from '@jupyterlab/ui-components';
import * as React from 'react';

import { IRecommendation, IRecommendations } from './api';
import {
  formatGib,
  formatHourly,
  formatHoursPerDay,
  formatMinutes,
  formatMonthly
} from './format';
import { InstancesModel, MODEL_FAMILIES, switchBlocked } from './model';

export interface IInstancesPanelProps {
  model: InstancesModel;
  openCatalog: () => void;
  openInventory: () => void;
}

/** "4 vCPU · 16 GiB · 1 × NVIDIA T4 (16 GiB)" */
export function describeSpecs(
  spec: Pick<
    IRecommendation,
    'vcpu' | 'memory_gib' | 'gpus' | 'gpu_model' | 'gpu_memory_gib'
  >
): string {
  const parts = [`${spec.vcpu} vCPU`, formatGib(spec.memory_gib)];
  if (spec.gpus > 0) {
    parts.push(
      `${spec.gpus} × ${spec.gpu_model ?? 'GPU'} (${formatGib(spec.gpu_memory_gib)} GPU memory)`
    );
  }
  return parts.join(' · ');
}

function CurrentInstance(props: { model: InstancesModel }): JSX.Element {
  const { current, currentError } = props.model;
  let body: JSX.Element;
  if (currentError) {
    body = (
      <div className="jp-dsws-alert" role="alert">
        <p>{currentError}</p>
      </div>
    );
  } else if (!current) {
    body = <p className="jp-dsws-muted">Reading the current instance…</p>;
  } else if (current.in_studio && !current.instance_type) {
    body = (
      <p>
        {current.space_name ? `Space ${current.space_name}` : 'This space'} runs in
        SageMaker Studio, but its instance type could not be read (SageMaker could not be
        asked: a permission or a VPC endpoint is missing).
      </p>
    );
  } else if (current.in_studio) {
    body = (
      <p>
        {current.space_name ? `Space ${current.space_name} runs` : 'This space runs'} on{' '}
        <strong>{current.instance_type}</strong>.
      </p>
    );
  } else {
    body = (
      <>
        <p>
          Not running in SageMaker Studio
          {current.instance_type ? ` (this machine: ${current.instance_type})` : ''}: the
          panel cannot switch instances here. In Studio, a space changes type like this:
        </p>
        <ol className="jp-dsws-inst-steps">
          <li>Stop the space (running kernels stop; save your work first).</li>
          <li>Pick the instance type in the space's settings.</li>
          <li>Run the space again: it starts on the new type.</li>
        </ol>
      </>
    );
  }
  return (
    <div className="jp-dsws-inst-current" aria-label="Current instance">
      <h3 className="jp-dsws-section-title">Current instance</h3>
      {body}
    </div>
  );
}

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

function WorkloadForm(props: { model: InstancesModel }): JSX.Element {
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
          <input
            className="jp-mod-styled"
            aria-label="Model size"
            placeholder="50 MB"
            value={form.modelSize}
            onChange={event => model.update({ modelSize: event.target.value })}
          />
        </Field>
        <Field label="Data size" hint="GB without a unit" error={errors.dataSize}>
          <input
            className="jp-mod-styled"
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
          <input
            className="jp-mod-styled"
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

function hoursOf(result: IRecommendations): number | null {
  const hours = result.workload?.hours_per_day;
  return typeof hours === 'number' ? hours : null;
}

function Candidate(props: {
  model: InstancesModel;
  candidate: IRecommendation;
  rank: number;
  hours: number | null;
}): JSX.Element {
  const { model, candidate, hours } = props;
  const idle = model.catalog?.idle_timeout_minutes;
  const blocked = switchBlocked(candidate, model.current);
  return (
    <li
      className={
        'jp-dsws-inst-candidate' + (candidate.allowed ? '' : ' jp-dsws-inst-forbidden')
      }
      aria-label={candidate.type}
    >
      <div className="jp-dsws-inst-candidate-head">
        <span className="jp-dsws-inst-type">
          {props.rank}. {candidate.type}
        </span>
        <span
          className="jp-dsws-inst-price"
          title={
            candidate.price_estimated
              ? 'An estimate: AWS publishes no price for this type in this region; see the catalog for the rule.'
              : 'On-demand price for Studio notebooks'
          }
        >
          {formatHourly(candidate.price_per_hour)}
          {candidate.price_estimated && (
            <span className="jp-dsws-inst-estimate"> (estimate)</span>
          )}
        </span>
      </div>
      <p className="jp-dsws-muted">{describeSpecs(candidate)}</p>
      <p className="jp-dsws-inst-cost" aria-label="Monthly cost">
        {formatMonthly(candidate.monthly_cost_with_idle_shutdown)} with idle shutdown
        {idle !== undefined && ` after ${formatMinutes(idle)}`}
        {hours !== null && ` (${formatHoursPerDay(hours)} of work)`};{' '}
        {formatMonthly(candidate.monthly_cost)} if left running
      </p>
      <ul className="jp-dsws-inst-reasons">
        {candidate.reasons.map((reason, index) => (
          <li key={index}>{reason}</li>
        ))}
      </ul>
      {!candidate.allowed && (
        <p className="jp-dsws-muted">Your admin does not allow this type.</p>
      )}
      <Button
        className="jp-mod-styled jp-mod-accept jp-dsws-button"
        disabled={blocked !== null || model.switching}
        title={blocked ?? `Run this space on ${candidate.type} from its next start`}
        aria-label={`Switch to ${candidate.type}`}
        onClick={() => void model.switchTo(candidate.type)}
      >
        Switch to this
      </Button>
    </li>
  );
}

function Recommendations(props: { model: InstancesModel }): JSX.Element | null {
  const { model } = props;
  const { result } = model;
  if (!model.form.model) {
    return (
      <p className="jp-dsws-muted">Choose a model family to see which instances fit.</p>
    );
  }
  return (
    <div className="jp-dsws-inst-results" aria-busy={model.recommending}>
      <h3 className="jp-dsws-section-title">
        Recommendations{result ? ` for ${result.region}` : ''}
      </h3>
      {model.recommending && (
        <p className="jp-dsws-muted" role="status">
          Finding instances…
        </p>
      )}
      {model.recommendError && (
        <div className="jp-dsws-alert" role="alert">
          <p>{model.recommendError}</p>
        </div>
      )}
      {result?.alternative && (
        <div className="jp-dsws-inst-alternative" aria-label="Alternative">
          <p>
            <strong>
              {result.alternative.kind === 'emr'
                ? 'Use an EMR cluster instead'
                : 'Use a SageMaker training job instead'}
            </strong>
            : {result.alternative.reason}
          </p>
        </div>
      )}
      {result && result.recommendations.length === 0 && !result.alternative && (
        <p className="jp-dsws-muted">No instance type fits this workload.</p>
      )}
      {result && result.recommendations.length > 0 && (
        <ol className="jp-dsws-inst-candidates" aria-label="Recommended instances">
          {result.recommendations.map((candidate, index) => (
            <Candidate
              key={candidate.type}
              model={model}
              candidate={candidate}
              rank={index + 1}
              hours={hoursOf(result)}
            />
          ))}
        </ol>
      )}
    </div>
  );
}

function SwitchOutcome(props: { model: InstancesModel }): JSX.Element | null {
  const { model } = props;
  const outcome = model.switchOutcome;
  if (model.switching) {
    return (
      <p className="jp-dsws-muted" role="status">
        Saving documents and asking for the switch…
      </p>
    );
  }
  if (!outcome) {
    return null;
  }
  return (
    <div
      className={outcome.kind === 'refused' ? 'jp-dsws-alert' : 'jp-dsws-inst-started'}
      role={outcome.kind === 'refused' ? 'alert' : 'status'}
    >
      <p>{outcome.message}</p>
      <Button
        className="jp-mod-styled jp-mod-reject jp-dsws-button"
        onClick={() => model.dismissSwitchOutcome()}
      >
        Dismiss
      </Button>
    </div>
  );
}

/** The Instances section: current instance, workload form, live recommendations. */
export function InstancesPanel(props: IInstancesPanelProps): JSX.Element {
  const { model } = props;
  return (
    <UseSignal signal={model.changed}>
      {() => (
        <section className="jp-dsws-section jp-dsws-inst" aria-label="Instances">
          <CurrentInstance model={model} />
          <div className="jp-dsws-inst-actions">
            <Button
              className="jp-mod-styled jp-mod-reject jp-dsws-button"
              aria-label="Open the instance catalog"
              onClick={props.openCatalog}
            >
              Catalog
            </Button>
            <Button
              className="jp-mod-styled jp-mod-reject jp-dsws-button"
              aria-label="Open the team inventory"
              onClick={props.openInventory}
            >
              Team inventory
            </Button>
          </div>
          <SwitchOutcome model={model} />
          <h3 className="jp-dsws-section-title">Your workload</h3>
          <WorkloadForm model={model} />
          <Recommendations model={model} />
          {model.catalog?.free_tier_note && (
            <p className="jp-dsws-muted jp-dsws-inst-note">
              {model.catalog.free_tier_note}
            </p>
          )}
        </section>
      )}
    </UseSignal>
  );
}

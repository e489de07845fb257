import { Button } from '@jupyterlab/ui-components';
import * as React from 'react';

import { useChanged } from '../ui/changed';
import { ErrorAlert } from '../ui/parts';
import { InstancesModel } from './model';
import { Recommendations } from './Recommendations';
import { WorkloadForm } from './WorkloadForm';

export interface IInstancesPanelProps {
  model: InstancesModel;
  openCatalog: () => void;
  openInventory: () => void;
  /** Shows the EMR panel; null when it is turned off. */
  openEmr: (() => void) | null;
}

function CurrentInstance(props: { model: InstancesModel }): JSX.Element {
  const { current, currentError } = props.model;
  let body: JSX.Element;
  if (currentError) {
    body = <ErrorAlert message={currentError} />;
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
  useChanged(model.changed);
  return (
    <section className="jp-dsws-section jp-dsws-inst" aria-label="Instances">
      <CurrentInstance model={model} />
      <div className="jp-dsws-toolbar jp-dsws-inst-actions">
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
      <Recommendations model={model} openEmr={props.openEmr} />
      {model.catalog?.free_tier_note && (
        <p className="jp-dsws-muted jp-dsws-inst-note">{model.catalog.free_tier_note}</p>
      )}
    </section>
  );
}

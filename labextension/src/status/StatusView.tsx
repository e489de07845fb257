import { Button, UseSignal } from '@jupyterlab/ui-components';
import * as React from 'react';

import { Breakable, ErrorAlert } from '../ui/parts';
import { IStatus } from './api';
import { StatusModel } from './model';

function Field(props: { label: string; value: string | null }): JSX.Element {
  return (
    <>
      <dt>{props.label}</dt>
      <dd title={props.value ?? undefined}>
        {props.value ? <Breakable text={props.value} /> : '—'}
      </dd>
    </>
  );
}

function AwsSection({ status }: { status: IStatus }): JSX.Element {
  const { aws } = status;
  if (!aws.ok) {
    return (
      <ErrorAlert
        title="AWS is not reachable"
        message={aws.error ?? 'AWS could not be asked.'}
      >
        <dl className="jp-dsws-fields">
          <Field label="Region" value={status.region} />
          <Field label="Endpoint" value={aws.endpoint} />
        </dl>
      </ErrorAlert>
    );
  }
  return (
    <dl className="jp-dsws-fields" aria-label="AWS identity">
      <Field label="Account" value={aws.account} />
      <Field label="Identity" value={aws.arn} />
      <Field label="Region" value={status.region} />
      <Field label="Endpoint" value={aws.endpoint} />
    </dl>
  );
}

function StudioSection({ status }: { status: IStatus }): JSX.Element {
  const studio = status.studio;
  if (!studio) {
    return (
      <p className="jp-dsws-muted">
        Not running in SageMaker Studio: a local or self-hosted JupyterLab.
      </p>
    );
  }
  return (
    <dl className="jp-dsws-fields" aria-label="Studio space">
      <Field label="Space" value={studio.space_name} />
      <Field label="User profile" value={studio.user_profile} />
      <Field label="Instance" value={studio.instance_type} />
      <Field label="App" value={studio.app_name ?? studio.app_type} />
      <Field label="Domain" value={studio.domain_id} />
    </dl>
  );
}

/** What the sidebar shows about the workspace: AWS identity, region, Studio space. */
export function StatusView({ model }: { model: StatusModel }): JSX.Element {
  return (
    <UseSignal signal={model.changed}>
      {() => {
        const status = model.status;
        return (
          <section className="jp-dsws-section" aria-label="Workspace status">
            <h3 className="jp-dsws-section-title">AWS</h3>
            <ErrorAlert message={model.error} />
            {status ? (
              <AwsSection status={status} />
            ) : (
              !model.error && <p className="jp-dsws-muted">Checking AWS…</p>
            )}
            <h3 className="jp-dsws-section-title">Studio</h3>
            {status && <StudioSection status={status} />}
            <div className="jp-dsws-footer">
              <span className="jp-dsws-muted">jupyter_dsws {status?.version ?? ''}</span>
              <Button
                className="jp-mod-styled jp-mod-reject jp-dsws-button"
                disabled={model.loading}
                onClick={() => void model.refresh(true).catch(() => undefined)}
              >
                {model.loading ? 'Checking…' : 'Check again'}
              </Button>
            </div>
          </section>
        );
      }}
    </UseSignal>
  );
}

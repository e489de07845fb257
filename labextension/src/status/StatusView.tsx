import { Button, UseSignal } from '@jupyterlab/ui-components';
import * as React from 'react';

import { Breakable } from '../ui/parts';
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
      <div className="jp-dsws-alert" role="alert">
        <strong>AWS is not reachable</strong>
        <p>{aws.error}</p>
        <dl className="jp-dsws-fields">
          <Field label="Region" value={status.region} />
          <Field label="Endpoint" value={aws.endpoint} />
        </dl>
      </div>
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
            {model.error && (
              <div className="jp-dsws-alert" role="alert">
                <p>{model.error}</p>
              </div>
            )}
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

import { Button } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { Status } from '../generated/api-types';
import { useChanged } from '../ui/changed';
import { Breakable, ErrorAlert } from '../ui/parts';
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

/** Named values, each "—" when it is not known. */
function Fields(props: {
  label?: string;
  fields: [string, string | null][];
}): JSX.Element {
  return (
    <dl className="jp-dsws-fields" aria-label={props.label}>
      {props.fields.map(([label, value]) => (
        <Field key={label} label={label} value={value} />
      ))}
    </dl>
  );
}

function AwsSection({ status }: { status: Status }): JSX.Element {
  const { aws } = status;
  const where: [string, string | null][] = [
    ['Region', status.region],
    ['Endpoint', aws.endpoint]
  ];
  if (!aws.ok) {
    return (
      <ErrorAlert
        title="AWS is not reachable"
        message={aws.error ?? 'AWS could not be asked.'}
      >
        <Fields fields={where} />
      </ErrorAlert>
    );
  }
  return (
    <Fields
      label="AWS identity"
      fields={[['Account', aws.account], ['Identity', aws.arn], ...where]}
    />
  );
}

function StudioSection({ status }: { status: Status }): JSX.Element {
  const studio = status.studio;
  if (!studio) {
    return (
      <p className="jp-dsws-muted">
        Not running in SageMaker Studio: a local or self-hosted JupyterLab.
      </p>
    );
  }
  return (
    <Fields
      label="Studio space"
      fields={[
        ['Space', studio.space_name],
        ['User profile', studio.user_profile],
        ['Instance', studio.instance_type],
        ['App', studio.app_name ?? studio.app_type],
        ['Domain', studio.domain_id]
      ]}
    />
  );
}

/** What the sidebar shows about the workspace: AWS identity, region, Studio space. */
export function StatusView({ model }: { model: StatusModel }): JSX.Element {
  useChanged(model.changed);
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
}

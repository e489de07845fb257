import { Clipboard, Notification } from '@jupyterlab/apputils';
import { Button, copyIcon, HTMLSelect, UseSignal } from '@jupyterlab/ui-components';
import * as React from 'react';

import { Breakable, ErrorAlert } from '../ui/parts';
import { ICheck, ICluster, IClusterDetail, ISecurityGroup } from './api';
import { AUTH_LABEL, ClusterModel } from './cluster';
import {
  checkLabel,
  checkSummary,
  formatAge,
  formatApplications,
  formatSeconds,
  notRun
} from './format';
import { StateBadge } from './parts';

function copyFix(fix: string): void {
  Clipboard.copyToSystem(fix);
  Notification.info('Copied the fix.', { autoClose: 3000 });
}

/** Which of the cluster's groups each security group is. */
const SG_ROLE: Record<ISecurityGroup['role'], string> = {
  primary: 'primary node',
  primary_additional: 'primary node, additional',
  core: 'core and task nodes',
  core_additional: 'core and task nodes, additional',
  service_access: 'service access'
};

function Facts(props: { cluster: ICluster; detail: IClusterDetail | null }): JSX.Element {
  const { cluster, detail } = props;
  return (
    <dl className="jp-dsws-fields" aria-label="Cluster">
      <dt>Id</dt>
      <dd>{cluster.id}</dd>
      <dt>Release</dt>
      <dd>{cluster.release ?? 'unknown'}</dd>
      <dt>Applications</dt>
      <dd>{formatApplications(cluster.applications)}</dd>
      <dt>Auth</dt>
      <dd>{AUTH_LABEL[cluster.auth] ?? cluster.auth}</dd>
      <dt>Livy port</dt>
      <dd>{cluster.livy_port}</dd>
      <dt>Age</dt>
      <dd title={cluster.created ?? undefined}>{formatAge(cluster.created)}</dd>
      <dt>Primary node</dt>
      <dd>{cluster.primary_dns ?? 'not known yet'}</dd>
      {detail && (
        <>
          <dt>Subnet</dt>
          <dd>{detail.subnet ?? 'none'}</dd>
          <dt>Security groups</dt>
          <dd>
            {detail.security_groups.length === 0
              ? 'none'
              : detail.security_groups.map(group => (
                  <span key={group.id} className="jp-dsws-emr-sg">
                    {group.id} ({SG_ROLE[group.role] ?? group.role})
                  </span>
                ))}
          </dd>
          <dt>Security configuration</dt>
          <dd>{detail.security_configuration ?? 'none'}</dd>
          {detail.livy_endpoint && (
            <>
              <dt>Livy endpoint</dt>
              <dd>
                <Breakable text={detail.livy_endpoint} />
              </dd>
            </>
          )}
        </>
      )}
    </dl>
  );
}

function InstanceGroups(props: { detail: IClusterDetail }): JSX.Element | null {
  const groups = props.detail.instance_groups;
  if (!groups.length) {
    return null;
  }
  return (
    <table className="jp-dsws-table" aria-label="Instance groups">
      <thead>
        <tr>
          <th>Role</th>
          <th>Type</th>
          <th>Running</th>
        </tr>
      </thead>
      <tbody>
        {groups.map(group => (
          <tr key={group.id} title={group.name ?? undefined}>
            <td>{group.role}</td>
            <td>{group.instance_type}</td>
            <td>
              {group.running}
              {group.running !== group.requested && ` of ${group.requested}`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CheckStep(props: { check: ICheck; cluster: ICluster }): JSX.Element {
  const { check } = props;
  const label = checkLabel(check, props.cluster);
  const skipped = notRun(check);
  return (
    <li
      className="jp-dsws-emr-step"
      data-ok={check.ok ? 'true' : skipped ? 'skipped' : 'false'}
      aria-label={label}
    >
      <span className="jp-dsws-emr-step-name">{label}</span>
      <span className="jp-dsws-emr-line">
        <span className="jp-dsws-emr-verdict">
          {check.ok ? '✓ passed' : skipped ? '– not run' : '✗ failed'}
        </span>
        {!skipped && (
          <span className="jp-dsws-muted">in {formatSeconds(check.seconds)}</span>
        )}
      </span>
      <p className="jp-dsws-emr-detail">
        <Breakable text={check.detail} />
      </p>
      {check.fix && (
        <div className="jp-dsws-emr-fix" aria-label="Fix">
          <p>
            <strong>Fix: </strong>
            <Breakable text={check.fix} />
          </p>
          <Button
            minimal
            small
            className="jp-dsws-icon-button"
            aria-label={`Copy the fix for: ${label}`}
            title="Copy the fix"
            onClick={() => copyFix(check.fix!)}
          >
            <copyIcon.react tag="span" />
          </Button>
        </div>
      )}
    </li>
  );
}

function PathCheck(props: { model: ClusterModel }): JSX.Element {
  const { model } = props;
  const result = model.checkResult;
  return (
    <div className="jp-dsws-emr-check" aria-busy={model.checking}>
      <h3 className="jp-dsws-section-title">Network path</h3>
      <Button
        className="jp-mod-styled jp-mod-reject jp-dsws-button"
        title="Checks each step from this space to the cluster's Livy: endpoint, DNS, security group, TCP, Livy"
        disabled={model.checking}
        onClick={() => void model.check()}
      >
        {model.checking ? 'Checking…' : 'Check the path'}
      </Button>
      <ErrorAlert message={model.checkError} />
      {result && (
        <>
          <p
            className="jp-dsws-emr-summary"
            role="status"
            aria-label="Path check summary"
            data-ok={String(result.ok)}
          >
            {model.starting
              ? 'Livy is starting: checking again in a few seconds…'
              : checkSummary(result.checks)}
          </p>
          <ol className="jp-dsws-emr-steps" aria-label="Path check">
            {result.checks.map(check => (
              <CheckStep key={check.name} check={check} cluster={model.cluster} />
            ))}
          </ol>
        </>
      )}
    </div>
  );
}

function Connect(props: { model: ClusterModel }): JSX.Element {
  const { model } = props;
  const roles = model.roles ?? [];
  const blocked = model.blocked;
  return (
    <UseSignal signal={model.target.changed}>
      {() => {
        const notebook = model.target.current;
        return (
          <div className="jp-dsws-emr-connect">
            <h3 className="jp-dsws-section-title">Connect a notebook</h3>
            <p className="jp-dsws-muted">
              Auth: {AUTH_LABEL[model.auth] ?? model.auth}, as the cluster is set up.
            </p>
            {model.auth === 'runtime_role' && roles.length > 0 && (
              <label className="jp-dsws-emr-field">
                Runtime role
                <HTMLSelect
                  aria-label="Runtime role"
                  value={model.role ?? ''}
                  onChange={event => (model.role = event.target.value)}
                >
                  {roles.map(arn => (
                    <option key={arn} value={arn}>
                      {arn.split('/').pop()}
                    </option>
                  ))}
                </HTMLSelect>
              </label>
            )}
            <p className="jp-dsws-emr-target">
              {notebook
                ? `Inserts the connect cell above the active cell of ${notebook} and runs it.`
                : 'No notebook is open: Connect makes a new one with the connect cell and runs it.'}
            </p>
            {blocked && <p className="jp-dsws-muted">{blocked}</p>}
            <Button
              className="jp-mod-styled jp-mod-accept jp-dsws-button"
              aria-label={`Connect to ${model.cluster.name}`}
              disabled={!!blocked || model.connecting}
              onClick={() => void model.connect()}
            >
              {model.connecting
                ? 'Connecting…'
                : notebook
                  ? 'Connect'
                  : 'Connect in a new notebook'}
            </Button>
            <ErrorAlert message={model.connectError} />
            {model.connectedIn && (
              <p
                className="jp-dsws-emr-outcome"
                role="status"
                aria-label="Connect outcome"
              >
                {model.connectRan === null
                  ? `Running the connect cell in ${model.connectedIn}…`
                  : model.connectRan
                    ? `Connected in ${model.connectedIn}: %%spark cells run on ${model.cluster.name}.`
                    : `The connect cell failed in ${model.connectedIn}: its output says why. Check the path above.`}
              </p>
            )}
          </div>
        );
      }}
    </UseSignal>
  );
}

/** One cluster: what it is, whether this space can reach its Livy, and Connect. */
export function ClusterView(props: {
  model: ClusterModel;
  close: () => void;
}): JSX.Element {
  const { model } = props;
  const back = React.useRef<HTMLButtonElement>(null);
  // The keyboard lands on the opened cluster, not back at the top of the page.
  React.useEffect(() => back.current?.focus(), [model]);
  const cluster = model.cluster;
  return (
    <div className="jp-dsws-emr-cluster-view" aria-label={`Cluster ${cluster.name}`}>
      <button
        ref={back}
        className="jp-dsws-emr-back"
        aria-label="Back to the clusters"
        onClick={props.close}
      >
        ‹ Clusters
      </button>
      <h3 className="jp-dsws-emr-title">
        {cluster.name} <StateBadge state={cluster.state} />
      </h3>
      <ErrorAlert message={model.error} />
      <Facts cluster={cluster} detail={model.detail} />
      {model.detail && <InstanceGroups detail={model.detail} />}
      {model.detail && model.detail.runtime_roles.length > 0 && (
        <>
          <h3 className="jp-dsws-section-title">Your runtime roles</h3>
          <ul className="jp-dsws-emr-roles" aria-label="Runtime roles">
            {model.detail.runtime_roles.map(arn => (
              <li key={arn}>
                <Breakable text={arn} />
              </li>
            ))}
          </ul>
        </>
      )}
      <PathCheck model={model} />
      <Connect model={model} />
    </div>
  );
}

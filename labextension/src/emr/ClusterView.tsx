import * as React from 'react';

import { Breakable, ErrorAlert } from '../ui/parts';
import { ICluster, IClusterDetail, ISecurityGroup } from './api';
import { AUTH_LABEL, ClusterModel } from './cluster';
import { Connect } from './Connect';
import { formatAge, formatApplications } from './format';
import { PathCheck } from './PathCheck';
import { StateBadge } from './parts';

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

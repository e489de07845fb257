import { Button } from '@jupyterlab/ui-components';
import * as React from 'react';

import type {
  EmrCluster,
  EmrClusterDetail,
  EmrSecurityGroup
} from '../generated/api-types';
import { Breakable, ErrorAlert } from '../ui/parts';
import { AUTH_LABEL, ClusterModel } from './cluster';
import { Connect } from './Connect';
import { formatAge, formatApplications } from './format';
import { PathCheck } from './PathCheck';
import { StateBadge } from './parts';

/** Which of the cluster's groups each security group is. */
const SG_ROLE: Record<EmrSecurityGroup['role'], string> = {
  primary: 'primary node',
  primary_additional: 'primary node, additional',
  core: 'core and task nodes',
  core_additional: 'core and task nodes, additional',
  service_access: 'service access'
};

/** One fact: its value beside its name when it fits, else on the line below, whole. */
function Fact(props: { name: string; children: React.ReactNode; title?: string }) {
  return (
    <div className="jp-dsws-emr-fact">
      <dt>{props.name}</dt>
      <dd title={props.title}>{props.children}</dd>
    </div>
  );
}

function Facts(props: {
  cluster: EmrCluster;
  detail: EmrClusterDetail | null;
}): JSX.Element {
  const { cluster, detail } = props;
  return (
    <dl className="jp-dsws-emr-facts-list" aria-label="Cluster">
      <Fact name="Id">{cluster.id}</Fact>
      <Fact name="Release">{cluster.release ?? 'unknown'}</Fact>
      <Fact name="Applications">{formatApplications(cluster.applications)}</Fact>
      <Fact name="Auth">{AUTH_LABEL[cluster.auth] ?? cluster.auth}</Fact>
      <Fact name="Livy port">{cluster.livy_port}</Fact>
      <Fact name="Age" title={cluster.created ?? undefined}>
        {formatAge(cluster.created)}
      </Fact>
      <Fact name="Primary node">{cluster.primary_dns ?? 'not known yet'}</Fact>
      {detail && (
        <>
          <Fact name="Subnet">{detail.subnet ?? 'none'}</Fact>
          <Fact name="Security groups">
            {detail.security_groups.length === 0
              ? 'none'
              : detail.security_groups.map(group => (
                  <span key={group.id} className="jp-dsws-emr-sg">
                    {group.id} ({SG_ROLE[group.role] ?? group.role})
                  </span>
                ))}
          </Fact>
          <Fact name="Security configuration">
            {detail.security_configuration ?? 'none'}
          </Fact>
          {detail.livy_endpoint && (
            <Fact name="Livy endpoint">
              <Breakable text={detail.livy_endpoint} />
            </Fact>
          )}
        </>
      )}
    </dl>
  );
}

function InstanceGroups(props: { detail: EmrClusterDetail }): JSX.Element | null {
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
  const view = React.useRef<HTMLDivElement>(null);
  // The keyboard lands on the opened cluster, not back at the top of the page.
  React.useEffect(
    () => view.current?.querySelector<HTMLElement>('.jp-dsws-emr-back')?.focus(),
    [model]
  );
  const cluster = model.cluster;
  return (
    <div
      ref={view}
      className="jp-dsws-emr-cluster-view"
      aria-label={`Cluster ${cluster.name}`}
    >
      <Button
        className="jp-dsws-emr-back"
        aria-label="Back to the clusters"
        onClick={props.close}
      >
        ‹ Clusters
      </Button>
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

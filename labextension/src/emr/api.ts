import { ServerConnection } from '@jupyterlab/services';

import { queryString } from '../registry/api';
import { requestAPI } from '../request';

// The wire shapes of issue 23's routes under `{base_url}dsws/emr`; times are ISO 8601 UTC.

export type AuthType = 'none' | 'ldap' | 'kerberos' | 'runtime_role';

export interface ICluster {
  id: string;
  name: string;
  state: string;
  release: string | null;
  applications: string[];
  auth: AuthType;
  livy_port: number;
  created: string | null;
  primary_dns: string | null;
}

export interface IClusterPage {
  clusters: ICluster[];
  next: string | null;
}

export interface IInstanceGroup {
  id: string;
  name: string | null;
  role: string;
  instance_type: string;
  requested: number;
  running: number;
  state: string;
}

export interface ISecurityGroup {
  id: string;
  role: 'primary' | 'primary_additional' | 'core' | 'core_additional' | 'service_access';
}

export interface IClusterDetail extends ICluster {
  instance_groups: IInstanceGroup[];
  security_groups: ISecurityGroup[];
  subnet: string | null;
  security_configuration: string | null;
  runtime_roles: string[];
  livy_endpoint: string | null;
}

export type CheckName = 'endpoint' | 'dns' | 'security_group' | 'tcp' | 'livy';

export interface ICheck {
  name: CheckName;
  ok: boolean;
  detail: string;
  fix: string | null;
  seconds: number;
}

export interface ICheckResult {
  ok: boolean;
  checks: ICheck[];
}

export interface IConnectRequest {
  auth: AuthType;
  execution_role_arn: string | null;
}

export interface IConnectCell {
  cell: string;
}

export interface IServerlessApplication {
  id: string;
  name: string | null;
  state: string;
  type: string;
  release: string | null;
  created: string | null;
}

export interface IServerlessStarted {
  application: IServerlessApplication;
}

export interface IServerlessList {
  applications: IServerlessApplication[];
}

export type ClusterStates = 'active' | 'all';

function path(...parts: string[]): string {
  return ['emr', ...parts.map(encodeURIComponent)].join('/');
}

export function fetchClusters(
  state: ClusterStates,
  next: string | null,
  settings?: ServerConnection.ISettings
): Promise<IClusterPage> {
  return requestAPI<IClusterPage>(
    `${path('clusters')}${queryString({ state, next })}`,
    { method: 'GET' },
    settings
  );
}

export function fetchCluster(
  id: string,
  settings?: ServerConnection.ISettings
): Promise<IClusterDetail> {
  return requestAPI<IClusterDetail>(path('clusters', id), { method: 'GET' }, settings);
}

export function checkCluster(
  id: string,
  settings?: ServerConnection.ISettings
): Promise<ICheckResult> {
  return requestAPI<ICheckResult>(
    `${path('clusters', id)}/check`,
    { method: 'POST' },
    settings
  );
}

export function connectCluster(
  id: string,
  body: IConnectRequest,
  settings?: ServerConnection.ISettings
): Promise<IConnectCell> {
  return requestAPI<IConnectCell>(
    `${path('clusters', id)}/connect`,
    { method: 'POST', body: JSON.stringify(body) },
    settings
  );
}

export function fetchServerless(
  settings?: ServerConnection.ISettings
): Promise<IServerlessList> {
  return requestAPI<IServerlessList>(
    path('serverless', 'applications'),
    { method: 'GET' },
    settings
  );
}

export function startServerless(
  id: string,
  settings?: ServerConnection.ISettings
): Promise<IServerlessStarted> {
  return requestAPI<IServerlessStarted>(
    `${path('serverless', 'applications', id)}/start`,
    { method: 'POST' },
    settings
  );
}

/** The server calls the EMR panel makes; tests pass their own. */
export interface IEmrApi {
  clusters(state: ClusterStates, next: string | null): Promise<IClusterPage>;
  cluster(id: string): Promise<IClusterDetail>;
  check(id: string): Promise<ICheckResult>;
  connect(id: string, body: IConnectRequest): Promise<IConnectCell>;
  serverless(): Promise<IServerlessList>;
  startServerless(id: string): Promise<IServerlessStarted>;
}

export const SERVER_API: IEmrApi = {
  clusters: (state, next) => fetchClusters(state, next),
  cluster: id => fetchCluster(id),
  check: id => checkCluster(id),
  connect: (id, body) => connectCluster(id, body),
  serverless: () => fetchServerless(),
  startServerless: id => startServerless(id)
};

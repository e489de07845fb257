import { ServerConnection } from '@jupyterlab/services';

import type {
  EmrCheckStep,
  EmrCluster,
  EmrClusterDetail,
  EmrClusterList,
  EmrConnectCell,
  EmrConnectRequest,
  EmrInstanceGroup,
  EmrPathCheck,
  EmrSecurityGroup,
  EmrServerlessApplication,
  EmrServerlessApplicationList,
  EmrServerlessStarted
} from '../generated/api-types';
import { getAPI, IReadOptions, queryString, refreshFlag, sendAPI } from '../request';

// The wire types are generated from the server's models (labextension/src/generated/);
// times are ISO 8601 UTC.
export type ICluster = EmrCluster;
export type IClusterPage = EmrClusterList;
export type IClusterDetail = EmrClusterDetail;
export type IInstanceGroup = EmrInstanceGroup;
export type ISecurityGroup = EmrSecurityGroup;
export type ICheck = EmrCheckStep;
export type ICheckResult = EmrPathCheck;
export type IConnectRequest = EmrConnectRequest;
export type IConnectCell = EmrConnectCell;
export type IServerlessApplication = EmrServerlessApplication;
export type IServerlessList = EmrServerlessApplicationList;
export type IServerlessStarted = EmrServerlessStarted;
export type AuthType = ICluster['auth'];
export type CheckName = ICheck['name'];

export type ClusterStates = 'active' | 'all';

function path(...parts: string[]): string {
  return ['emr', ...parts.map(encodeURIComponent)].join('/');
}

/** `refresh`: a person's Refresh, past the page the server shares between tabs. */
export function fetchClusters(
  state: ClusterStates,
  next: string | null,
  settings?: ServerConnection.ISettings,
  options: IReadOptions = {}
): Promise<IClusterPage> {
  const refresh = refreshFlag(options);
  return getAPI(`${path('clusters')}${queryString({ state, next, refresh })}`, settings);
}

export function fetchCluster(
  id: string,
  settings?: ServerConnection.ISettings
): Promise<IClusterDetail> {
  return getAPI(path('clusters', id), settings);
}

export function checkCluster(
  id: string,
  settings?: ServerConnection.ISettings
): Promise<ICheckResult> {
  return sendAPI('POST', `${path('clusters', id)}/check`, undefined, settings);
}

export function connectCluster(
  id: string,
  body: IConnectRequest,
  settings?: ServerConnection.ISettings
): Promise<IConnectCell> {
  return sendAPI('POST', `${path('clusters', id)}/connect`, body, settings);
}

/** `refresh`: a person's Refresh, past the list the server shares between tabs. */
export function fetchServerless(
  settings?: ServerConnection.ISettings,
  options: IReadOptions = {}
): Promise<IServerlessList> {
  return getAPI(
    `${path('serverless', 'applications')}${queryString({ refresh: refreshFlag(options) })}`,
    settings
  );
}

export function startServerless(
  id: string,
  settings?: ServerConnection.ISettings
): Promise<IServerlessStarted> {
  return sendAPI(
    'POST',
    `${path('serverless', 'applications', id)}/start`,
    undefined,
    settings
  );
}

/** The server calls the EMR panel makes; tests pass their own. */
export interface IEmrApi {
  /** `refresh`: past the answer the server shares between tabs (a person's Refresh). */
  clusters(
    state: ClusterStates,
    next: string | null,
    refresh?: boolean
  ): Promise<IClusterPage>;
  cluster(id: string): Promise<IClusterDetail>;
  check(id: string): Promise<ICheckResult>;
  connect(id: string, body: IConnectRequest): Promise<IConnectCell>;
  serverless(refresh?: boolean): Promise<IServerlessList>;
  startServerless(id: string): Promise<IServerlessStarted>;
}

export const SERVER_API: IEmrApi = {
  clusters: (state, next, refresh) => fetchClusters(state, next, undefined, { refresh }),
  cluster: id => fetchCluster(id),
  check: id => checkCluster(id),
  connect: (id, body) => connectCluster(id, body),
  serverless: refresh => fetchServerless(undefined, { refresh }),
  startServerless: id => startServerless(id)
};

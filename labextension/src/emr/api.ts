import { ServerConnection } from '@jupyterlab/services';

import type {
  EmrCheckStep,
  EmrCluster,
  EmrClusterDetail,
  EmrClusterList,
  EmrConnectCell,
  EmrConnectRequest,
  EmrPathCheck,
  EmrServerlessApplicationList,
  EmrServerlessStarted
} from '../generated/api-types';
import { getAPI, IReadOptions, queryString, refreshFlag, sendAPI } from '../request';

// The wire types: import them from ../generated/api-types (generated from the server's
// models); times are ISO 8601 UTC.
export type AuthType = EmrCluster['auth'];
export type CheckName = EmrCheckStep['name'];

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
): Promise<EmrClusterList> {
  const refresh = refreshFlag(options);
  return getAPI(`${path('clusters')}${queryString({ state, next, refresh })}`, settings);
}

export function fetchCluster(
  id: string,
  settings?: ServerConnection.ISettings
): Promise<EmrClusterDetail> {
  return getAPI(path('clusters', id), settings);
}

export function checkCluster(
  id: string,
  settings?: ServerConnection.ISettings
): Promise<EmrPathCheck> {
  return sendAPI('POST', `${path('clusters', id)}/check`, undefined, settings);
}

export function connectCluster(
  id: string,
  body: EmrConnectRequest,
  settings?: ServerConnection.ISettings
): Promise<EmrConnectCell> {
  return sendAPI('POST', `${path('clusters', id)}/connect`, body, settings);
}

/** `refresh`: a person's Refresh, past the list the server shares between tabs. */
export function fetchServerless(
  settings?: ServerConnection.ISettings,
  options: IReadOptions = {}
): Promise<EmrServerlessApplicationList> {
  return getAPI(
    `${path('serverless', 'applications')}${queryString({ refresh: refreshFlag(options) })}`,
    settings
  );
}

export function startServerless(
  id: string,
  settings?: ServerConnection.ISettings
): Promise<EmrServerlessStarted> {
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
  ): Promise<EmrClusterList>;
  cluster(id: string): Promise<EmrClusterDetail>;
  check(id: string): Promise<EmrPathCheck>;
  connect(id: string, body: EmrConnectRequest): Promise<EmrConnectCell>;
  serverless(refresh?: boolean): Promise<EmrServerlessApplicationList>;
  startServerless(id: string): Promise<EmrServerlessStarted>;
}

export const SERVER_API: IEmrApi = {
  clusters: (state, next, refresh) => fetchClusters(state, next, undefined, { refresh }),
  cluster: id => fetchCluster(id),
  check: id => checkCluster(id),
  connect: (id, body) => connectCluster(id, body),
  serverless: refresh => fetchServerless(undefined, { refresh }),
  startServerless: id => startServerless(id)
};

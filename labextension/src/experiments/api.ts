import { ServerConnection } from '@jupyterlab/services';

import type {
  ExperimentList,
  MlflowServerList,
  RegisterRequest,
  RegistryGroupList,
  RunComparison,
  RunList,
  RunRegistration,
  RunsCompareHistory,
  UiUrl
} from '../generated/api-types';
import { getAPI, IReadOptions, queryString, refreshFlag, sendAPI } from '../request';

// The wire types: import them from ../generated/api-types (generated from the server's
// models); times are ISO 8601 UTC.
export type Direction = RunList['directions'][string];

function get<T>(path: string, settings?: ServerConnection.ISettings): Promise<T> {
  return getAPI<T>(`experiments/${path}`, settings);
}

// `options.refresh`: a person's Refresh, past the answer the server shares (from MLflow or
// SageMaker again, still shared with an identical read in flight).

export function fetchServers(
  settings?: ServerConnection.ISettings,
  options: IReadOptions = {}
): Promise<MlflowServerList> {
  return get(`servers${queryString({ refresh: refreshFlag(options) })}`, settings);
}

export function fetchExperiments(
  query: string,
  next: string | null,
  settings?: ServerConnection.ISettings,
  options: IReadOptions = {}
): Promise<ExperimentList> {
  return get(
    `experiments${queryString({ query: query.trim(), next, refresh: refreshFlag(options) })}`,
    settings
  );
}

export function fetchRuns(
  experimentId: string,
  filter: string,
  orderBy: string | null,
  next: string | null,
  settings?: ServerConnection.ISettings,
  options: IReadOptions = {}
): Promise<RunList> {
  return get(
    `experiments/${encodeURIComponent(experimentId)}/runs` +
      queryString({
        filter: filter.trim(),
        order_by: orderBy,
        next,
        refresh: refreshFlag(options)
      }),
    settings
  );
}

export function fetchComparison(
  runIds: string[],
  settings?: ServerConnection.ISettings,
  options: IReadOptions = {}
): Promise<RunComparison> {
  return get(
    `compare${queryString({ run: runIds, refresh: refreshFlag(options) })}`,
    settings
  );
}

export function fetchCompareHistory(
  key: string,
  runIds: string[],
  maxPoints: number,
  settings?: ServerConnection.ISettings
): Promise<RunsCompareHistory> {
  return get(
    `compare/metrics/${encodeURIComponent(key)}` +
      queryString({ run: runIds, max_points: String(maxPoints) }),
    settings
  );
}

export function registerRun(
  runId: string,
  body: RegisterRequest,
  settings?: ServerConnection.ISettings
): Promise<RunRegistration> {
  return sendAPI(
    'POST',
    `experiments/runs/${encodeURIComponent(runId)}/register`,
    body,
    settings
  );
}

/** A fresh URL of the MLflow UI: presigned ones work once, so it is asked at each click. */
export function createUiUrl(settings?: ServerConnection.ISettings): Promise<UiUrl> {
  return sendAPI('POST', 'experiments/ui-url', undefined, settings);
}

/** The Model Registry's group names, for the register dialog's choice. */
export async function fetchGroupNames(
  settings?: ServerConnection.ISettings
): Promise<string[]> {
  const page = await getAPI<RegistryGroupList>('registry/groups', settings);
  return page.groups.map(group => group.name);
}

/** The server calls the Experiments views make; tests pass their own. */
export interface IExperimentsApi {
  /** `refresh`: a person's Refresh, past the answer the server shares. */
  servers(refresh?: boolean): Promise<MlflowServerList>;
  experiments(
    query: string,
    next: string | null,
    refresh?: boolean
  ): Promise<ExperimentList>;
  runs(
    experimentId: string,
    filter: string,
    orderBy: string | null,
    next: string | null,
    refresh?: boolean
  ): Promise<RunList>;
  compare(runIds: string[], refresh?: boolean): Promise<RunComparison>;
  history(key: string, runIds: string[], maxPoints: number): Promise<RunsCompareHistory>;
  register(runId: string, body: RegisterRequest): Promise<RunRegistration>;
  uiUrl(): Promise<UiUrl>;
  groupNames(): Promise<string[]>;
}

export const SERVER_API: IExperimentsApi = {
  servers: refresh => fetchServers(undefined, { refresh }),
  experiments: (query, next, refresh) =>
    fetchExperiments(query, next, undefined, { refresh }),
  runs: (id, filter, orderBy, next, refresh) =>
    fetchRuns(id, filter, orderBy, next, undefined, { refresh }),
  compare: (ids, refresh) => fetchComparison(ids, undefined, { refresh }),
  history: (key, ids, maxPoints) => fetchCompareHistory(key, ids, maxPoints),
  register: (id, body) => registerRun(id, body),
  uiUrl: () => createUiUrl(),
  groupNames: () => fetchGroupNames()
};

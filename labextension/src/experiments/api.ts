import { ServerConnection } from '@jupyterlab/services';

import type {
  Experiment,
  ExperimentList,
  MetricHistory,
  MlflowServer,
  MlflowServerList,
  RegisterRequest,
  Run,
  RunComparison,
  RunList,
  RunRegistration,
  RunsCompareHistory,
  UiUrl
} from '../generated/api-types';
import type { RegistryGroupList } from '../generated/api-types';
import { getAPI, IReadOptions, queryString, refreshFlag, sendAPI } from '../request';

// The wire types are generated from the server's models (labextension/src/generated/);
// times are ISO 8601 UTC.
export type IServer = MlflowServer;
export type IServerList = MlflowServerList;
export type IExperiment = Experiment;
export type IExperimentPage = ExperimentList;
export type IRun = Run;
export type IRunPage = RunList;
export type IRunComparison = RunComparison;
export type IMetricHistory = MetricHistory;
export type ICompareHistory = RunsCompareHistory;
export type IRegisterRequest = RegisterRequest;
export type IRegistration = RunRegistration;
export type IUiUrl = UiUrl;
export type Direction = RunList['directions'][string];
export type IGroupNames = RegistryGroupList;

function get<T>(path: string, settings?: ServerConnection.ISettings): Promise<T> {
  return getAPI<T>(`experiments/${path}`, settings);
}

// `options.refresh`: a person's Refresh, past the answer the server shares (from MLflow or
// SageMaker again, still shared with an identical read in flight).

export function fetchServers(
  settings?: ServerConnection.ISettings,
  options: IReadOptions = {}
): Promise<IServerList> {
  return get(`servers${queryString({ refresh: refreshFlag(options) })}`, settings);
}

export function fetchExperiments(
  query: string,
  next: string | null,
  settings?: ServerConnection.ISettings,
  options: IReadOptions = {}
): Promise<IExperimentPage> {
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
): Promise<IRunPage> {
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
): Promise<IRunComparison> {
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
): Promise<ICompareHistory> {
  return get(
    `compare/metrics/${encodeURIComponent(key)}` +
      queryString({ run: runIds, max_points: String(maxPoints) }),
    settings
  );
}

export function registerRun(
  runId: string,
  body: IRegisterRequest,
  settings?: ServerConnection.ISettings
): Promise<IRegistration> {
  return sendAPI(
    'POST',
    `experiments/runs/${encodeURIComponent(runId)}/register`,
    body,
    settings
  );
}

/** A fresh URL of the MLflow UI: presigned ones work once, so it is asked at each click. */
export function createUiUrl(settings?: ServerConnection.ISettings): Promise<IUiUrl> {
  return sendAPI('POST', 'experiments/ui-url', undefined, settings);
}

/** The Model Registry's group names, for the register dialog's choice. */
export async function fetchGroupNames(
  settings?: ServerConnection.ISettings
): Promise<string[]> {
  const page = await getAPI<IGroupNames>('registry/groups', settings);
  return page.groups.map(group => group.name);
}

/** The server calls the Experiments views make; tests pass their own. */
export interface IExperimentsApi {
  /** `refresh`: a person's Refresh, past the answer the server shares. */
  servers(refresh?: boolean): Promise<IServerList>;
  experiments(
    query: string,
    next: string | null,
    refresh?: boolean
  ): Promise<IExperimentPage>;
  runs(
    experimentId: string,
    filter: string,
    orderBy: string | null,
    next: string | null,
    refresh?: boolean
  ): Promise<IRunPage>;
  compare(runIds: string[], refresh?: boolean): Promise<IRunComparison>;
  history(key: string, runIds: string[], maxPoints: number): Promise<ICompareHistory>;
  register(runId: string, body: IRegisterRequest): Promise<IRegistration>;
  uiUrl(): Promise<IUiUrl>;
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

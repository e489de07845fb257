import { ServerConnection } from '@jupyterlab/services';

import type {
  Alternative,
  CurrentInstance,
  Instance,
  InstanceCatalog,
  Inventory,
  InventoryRequest,
  InventoryRow,
  NormalisedWorkload,
  Recommendation,
  Recommendations,
  SwitchAccepted,
  WorkloadRequest
} from '../generated/api-types';
import { DSWSApiError, requestAPI } from '../request';

// The wire types are generated from the server's models (labextension/src/generated/).
export type IInstanceType = Instance;
export type CatalogSource = InstanceCatalog['source'];
export type ICatalog = InstanceCatalog;
export type GpuNeed = NonNullable<WorkloadRequest['gpu']>;
export type Preference = NonNullable<WorkloadRequest['preference']>;
/** A workload to recommend for; all but `model` have server defaults. */
export type IWorkload = WorkloadRequest;
export type IRecommendation = Recommendation;
export type IAlternative = Alternative;
export type ModelFamily = NormalisedWorkload['family'];
export type INormalisedWorkload = NormalisedWorkload;
export type IRecommendations = Recommendations;
export type IInventoryRow = InventoryRow;
export type IInventoryRequest = InventoryRequest;
export type IInventoryResult = Inventory;
export type ICurrentInstance = CurrentInstance;
export type ISwitchStarted = SwitchAccepted;

/** A 400 `invalid_csv`: where in the file the problem is. */
export class InvalidCsvError extends DSWSApiError {
  constructor(
    message: string,
    readonly line: number | null,
    readonly column: string | null,
    body: Record<string, unknown> = {}
  ) {
    super('invalid_csv', message, 400, body);
    this.name = 'InvalidCsvError';
  }
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };

export function fetchCatalog(
  region?: string,
  settings?: ServerConnection.ISettings
): Promise<ICatalog> {
  const query = region ? `?region=${encodeURIComponent(region)}` : '';
  return requestAPI<ICatalog>(`instances${query}`, { method: 'GET' }, settings);
}

export function recommend(
  workload: IWorkload,
  settings?: ServerConnection.ISettings
): Promise<IRecommendations> {
  return requestAPI<IRecommendations>(
    'instances/recommend',
    { method: 'POST', body: JSON.stringify(workload), headers: JSON_HEADERS },
    settings
  );
}

/** Recommend for each row of a team inventory CSV; a malformed file is an `InvalidCsvError`. */
export async function recommendInventory(
  request: IInventoryRequest,
  settings?: ServerConnection.ISettings
): Promise<IInventoryResult> {
  try {
    return await requestAPI<IInventoryResult>(
      'instances/inventory',
      { method: 'POST', body: JSON.stringify(request), headers: JSON_HEADERS },
      settings
    );
  } catch (error) {
    if (error instanceof DSWSApiError && error.code === 'invalid_csv') {
      const { line, column } = error.body;
      throw new InvalidCsvError(
        error.message,
        typeof line === 'number' ? line : null,
        column === null || column === undefined ? null : String(column),
        error.body
      );
    }
    throw error;
  }
}

export function fetchCurrent(
  settings?: ServerConnection.ISettings
): Promise<ICurrentInstance> {
  return requestAPI<ICurrentInstance>('instances/current', { method: 'GET' }, settings);
}

/**
 * Set the space's instance type for its next start and stop this app (202). Refusals
 * keep the server's words: 409 outside Studio, 422 a quota, 403 a forbidden type.
 */
export function switchInstance(
  instanceType: string,
  settings?: ServerConnection.ISettings
): Promise<ISwitchStarted> {
  return requestAPI<ISwitchStarted>(
    'instances/switch',
    {
      method: 'POST',
      body: JSON.stringify({ instance_type: instanceType }),
      headers: JSON_HEADERS
    },
    settings
  );
}

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
import { DSWSApiError, getAPI, queryString, refining, sendAPI } from '../request';

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

export function fetchCatalog(
  region?: string,
  settings?: ServerConnection.ISettings
): Promise<ICatalog> {
  return getAPI(`instances${queryString({ region })}`, settings);
}

export function recommend(
  workload: IWorkload,
  settings?: ServerConnection.ISettings
): Promise<IRecommendations> {
  return sendAPI('POST', 'instances/recommend', workload, settings);
}

/** Recommend for each row of a team inventory CSV; a malformed file is an `InvalidCsvError`. */
export function recommendInventory(
  request: IInventoryRequest,
  settings?: ServerConnection.ISettings
): Promise<IInventoryResult> {
  return refining(
    sendAPI<IInventoryResult>('POST', 'instances/inventory', request, settings),
    'invalid_csv',
    error => {
      const { line, column } = error.body;
      return new InvalidCsvError(
        error.message,
        typeof line === 'number' ? line : null,
        column === null || column === undefined ? null : String(column),
        error.body
      );
    }
  );
}

export function fetchCurrent(
  settings?: ServerConnection.ISettings
): Promise<ICurrentInstance> {
  return getAPI('instances/current', settings);
}

/**
 * Set the space's instance type for its next start and stop this app (202). Refusals
 * keep the server's words: 409 outside Studio, 422 a quota, 403 a forbidden type.
 */
export function switchInstance(
  instanceType: string,
  settings?: ServerConnection.ISettings
): Promise<ISwitchStarted> {
  return sendAPI('POST', 'instances/switch', { instance_type: instanceType }, settings);
}

import { ServerConnection } from '@jupyterlab/services';

import type {
  CurrentInstance,
  InstanceCatalog,
  Inventory,
  InventoryRequest,
  NormalisedWorkload,
  Recommendations,
  SwitchAccepted,
  WorkloadRequest
} from '../generated/api-types';
import { DSWSApiError, getAPI, queryString, refining, sendAPI } from '../request';

// The wire types: import them from ../generated/api-types (generated from the server's
// models).
export type CatalogSource = InstanceCatalog['source'];
export type GpuNeed = NonNullable<WorkloadRequest['gpu']>;
export type Preference = NonNullable<WorkloadRequest['preference']>;
/** A workload to recommend for; all but `model` have server defaults. */
export type ModelFamily = NormalisedWorkload['family'];

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
): Promise<InstanceCatalog> {
  return getAPI(`instances${queryString({ region })}`, settings);
}

export function recommend(
  workload: WorkloadRequest,
  settings?: ServerConnection.ISettings
): Promise<Recommendations> {
  return sendAPI('POST', 'instances/recommend', workload, settings);
}

/** Recommend for each row of a team inventory CSV; a malformed file is an `InvalidCsvError`. */
export function recommendInventory(
  request: InventoryRequest,
  settings?: ServerConnection.ISettings
): Promise<Inventory> {
  return refining(
    sendAPI<Inventory>('POST', 'instances/inventory', request, settings),
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
): Promise<CurrentInstance> {
  return getAPI('instances/current', settings);
}

/**
 * Set the space's instance type for its next start and stop this app (202). Refusals
 * keep the server's words: 409 outside Studio, 422 a quota, 403 a forbidden type.
 */
export function switchInstance(
  instanceType: string,
  settings?: ServerConnection.ISettings
): Promise<SwitchAccepted> {
  return sendAPI('POST', 'instances/switch', { instance_type: instanceType }, settings);
}

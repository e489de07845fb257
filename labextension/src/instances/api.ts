import { ServerConnection } from '@jupyterlab/services';

import { DSWSApiError, requestAPI } from '../request';

/** Mirrors `jupyter_dsws/instances/models.py`: one instance type of the catalog. */
export interface IInstanceType {
  type: string;
  family: string;
  vcpu: number;
  memory_gib: number;
  gpus: number;
  gpu_model: string | null;
  gpu_memory_gib: number;
  /** On-demand USD per hour for Studio notebooks in the catalog's region; null where not offered. */
  price_per_hour: number | null;
  free_tier: boolean;
  /** False for a type the admin forbids: shown, never picked. */
  allowed: boolean;
  /** Derived, not read from AWS's price list (another region, a missing size). */
  price_estimated: boolean;
  /** Where the price came from, or the rule that derived it. */
  price_note: string | null;
}

export type CatalogSource = 'bundled' | 'pricing-api';

export interface ICatalog {
  region: string;
  source: CatalogSource;
  /** When the prices were read (ISO date). */
  as_of: string;
  instances: IInstanceType[];
  known_regions: string[];
  /** The idle-shutdown timeout the "with idle shutdown" costs assume. */
  idle_timeout_minutes: number;
  free_tier_note: string;
}

export type GpuNeed = 'yes' | 'no' | 'auto';
export type Preference = 'cheapest' | 'balanced' | 'fastest';

/** A workload to recommend for; all but `model` have server defaults. */
export interface IWorkload {
  model: string;
  memory_gb?: number;
  data_gb?: number;
  gpu?: GpuNeed;
  hours_per_day?: number;
  preference?: Preference;
  region?: string;
}

export interface IRecommendation {
  type: string;
  family: string;
  reasons: string[];
  /** USD a month when the app is left running (730 h), free tier deducted. */
  monthly_cost: number;
  /** USD a month with idle shutdown: the hours per day plus the idle timeout, each working day. */
  monthly_cost_with_idle_shutdown: number;
  price_per_hour: number;
  vcpu: number;
  memory_gib: number;
  gpus: number;
  gpu_model: string | null;
  gpu_memory_gib: number;
  allowed: boolean;
  price_estimated: boolean;
}

/** Above what one instance holds: a training job or an EMR cluster, and why. */
export interface IAlternative {
  kind: 'training-job' | 'emr';
  reason: string;
}

export type ModelFamily =
  | 'xgboost'
  | 'statistical'
  | 'cnn'
  | 'seq2seq'
  | 'transformer'
  | 'other';

/** The workload as the server understood it: defaults filled, model family resolved. */
export interface INormalisedWorkload {
  model: string;
  family: ModelFamily;
  memory_gb: number;
  data_gb: number;
  gpu: GpuNeed;
  hours_per_day: number;
  preference: Preference;
}

export interface IRecommendations {
  region: string;
  workload: INormalisedWorkload;
  /** Up to 5, best first. */
  recommendations: IRecommendation[];
  alternative: IAlternative | null;
}

export interface IInventoryRow {
  /** The CSV line this row came from (1 is the header). */
  line: number;
  user: string;
  feature: string;
  model: string;
  family: ModelFamily;
  memory_gb: number;
  gpu: GpuNeed;
  recommendation: IRecommendation | null;
  /** Set when no single instance fits (then `recommendation` is null). */
  alternative: IAlternative | null;
}

export interface IInventoryRequest {
  csv: string;
  region?: string;
  preference?: Preference;
}

export interface IInventoryResult {
  region: string;
  rows: IInventoryRow[];
  total_monthly_cost: number;
  total_monthly_cost_with_idle_shutdown: number;
}

export interface ICurrentInstance {
  in_studio: boolean;
  instance_type: string | null;
  space_name: string | null;
}

export interface ISwitchStarted {
  instance_type: string;
  space_name: string;
  /** What happens next, for the person. */
  message: string;
  /** False when the person must stop the space from Studio themselves. */
  app_stopping: boolean;
}

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
  return requestAPI<ICurrentInstance>(
    'instances/current',
    { method: 'GET' },
    settings
  );
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

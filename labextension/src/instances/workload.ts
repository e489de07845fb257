/** The workload form's rules: what it offers, how it reads, when a switch is blocked. */

import type {
  CurrentInstance,
  Recommendation,
  WorkloadRequest
} from '../generated/api-types';
import { DSWSApiError } from '../request';
import { GpuNeed, Preference } from './api';
import { parseHoursPerDay, parseSize } from './format';

/** The model families the form offers; the server also knows their aliases. */
export const MODEL_FAMILIES: { value: string; label: string }[] = [
  { value: 'XGBoost', label: 'XGBoost' },
  { value: 'ARIMA', label: 'ARIMA / statistical' },
  { value: 'CNN', label: 'CNN' },
  { value: 'Seq2seq', label: 'Seq2seq' },
  { value: 'Transformer', label: 'Transformer' },
  { value: 'Other', label: 'Other' }
];

/** The workload form as typed: strings, so that half-typed input stays as it is. */
export interface IWorkloadForm {
  model: string;
  modelSize: string;
  dataSize: string;
  gpu: GpuNeed;
  hoursPerDay: string;
  preference: Preference;
  /** Whose prices: '' for the server's own region. */
  region: string;
}

export const EMPTY_FORM: IWorkloadForm = {
  model: '',
  modelSize: '',
  dataSize: '',
  gpu: 'auto',
  hoursPerDay: '',
  preference: 'balanced',
  region: ''
};

export type FormField = keyof IWorkloadForm;

export type WorkloadParse =
  | { ok: true; workload: WorkloadRequest }
  | { ok: false; errors: Partial<Record<FormField, string>> };

/**
 * The request body for a form, or what to fix in it. Empty optional fields are left
 * out, so the server's defaults apply; no model family yet is not an error, just
 * nothing to ask.
 */
export function workloadFrom(form: IWorkloadForm): WorkloadParse {
  const errors: Partial<Record<FormField, string>> = {};
  const modelSize = parseSize(form.modelSize);
  const dataSize = parseSize(form.dataSize);
  const hours = parseHoursPerDay(form.hoursPerDay);
  if (!modelSize.ok) {
    errors.modelSize = modelSize.message;
  }
  if (!dataSize.ok) {
    errors.dataSize = dataSize.message;
  }
  if (!hours.ok) {
    errors.hoursPerDay = hours.message;
  }
  if (!modelSize.ok || !dataSize.ok || !hours.ok) {
    return { ok: false, errors };
  }
  const workload: WorkloadRequest = {
    model: form.model.trim(),
    gpu: form.gpu,
    preference: form.preference
  };
  if (modelSize.gb !== undefined) {
    workload.memory_gb = modelSize.gb;
  }
  if (dataSize.gb !== undefined) {
    workload.data_gb = dataSize.gb;
  }
  if (hours.value !== undefined) {
    workload.hours_per_day = hours.value;
  }
  if (form.region) {
    workload.region = form.region;
  }
  return { ok: true, workload };
}

/** Why a candidate cannot be switched to (the button's title), or null when it can. */
export function switchBlocked(
  candidate: Pick<Recommendation, 'type' | 'allowed'>,
  current: CurrentInstance | null
): string | null {
  if (!candidate.allowed) {
    return `Your admin does not allow ${candidate.type} in this domain.`;
  }
  if (!current) {
    return 'Still reading which instance this space runs on.';
  }
  if (!current.in_studio) {
    return 'Switching works only inside SageMaker Studio: see "Current instance" for how to change it there.';
  }
  if (current.instance_type === candidate.type) {
    return `This space already runs on ${candidate.type}.`;
  }
  return null;
}

/**
 * A refused switch in plain words: the server's message, and for a quota (422) the
 * quota's name and figures when the message leaves them out.
 */
export function refusalText(error: unknown, instanceType: string): string {
  if (!(error instanceof DSWSApiError)) {
    return `The switch to ${instanceType} could not be asked for.`;
  }
  const { quota_name: quota, limit, in_use: inUse } = error.body;
  if (
    error.status === 422 &&
    typeof quota === 'string' &&
    !error.message.includes(quota)
  ) {
    const figures =
      typeof limit === 'number' && typeof inUse === 'number'
        ? ` (limit ${limit}, in use ${inUse})`
        : '';
    return `${error.message} Quota to raise in Service Quotas: "${quota}"${figures}.`;
  }
  return error.message;
}

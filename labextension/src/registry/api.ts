import { ServerConnection } from '@jupyterlab/services';

import { requestAPI } from '../request';

/** What SageMaker calls a version's approval status. */
export const STATUSES = [
  'PendingManualApproval',
  'Approved',
  'Rejected'
] as const;

export type ApprovalStatus = (typeof STATUSES)[number];

/** Mirrors `jupyter_dsws/registry/models.py`; times are ISO 8601 UTC. */
export interface IGroup {
  name: string;
  arn: string;
  description: string | null;
  created: string | null;
  versions_count: number;
  last_modified: string | null;
  latest_version: number | null;
  latest_status: string | null;
  latest_approved_version: number | null;
}

export interface IGroupPage {
  groups: IGroup[];
  next: string | null;
}

export interface IVersion {
  group: string;
  version: number;
  arn: string;
  status: string;
  created: string | null;
  created_by: string | null;
  description: string | null;
  approval_description: string | null;
  params: Record<string, string>;
  metrics: Record<string, number>;
  metrics_std: Record<string, number>;
  /** Why metrics are missing or partial (file missing, not JSON…); null if none. */
  metrics_error: string | null;
}

export interface IVersionPage {
  versions: IVersion[];
  next: string | null;
}

export interface IApprovalChange {
  at: string;
  by: string;
  from: string | null;
  to: string;
  comment: string;
}

export interface IVersionDetail extends IVersion {
  image: string | null;
  model_data_url: string | null;
  training_job: string | null;
  lineage: Record<string, string>;
  approval_history: IApprovalChange[];
  /** Who set the current status (our history, else SageMaker's LastModifiedBy). */
  status_set_by: string | null;
  snippets: { load: string; deploy: string };
}

export type Direction = 'up' | 'down' | null;

export interface ITrendPoint {
  version: number;
  value: number;
}

export interface IComparison {
  versions: IVersionDetail[];
  params: string[];
  metrics: string[];
  /** metric → the ARN of the version with the best value. */
  best: Record<string, string>;
  directions: Record<string, Direction>;
  /** group → metric → its values from v1 to vN. */
  trends: Record<string, Record<string, ITrendPoint[]>>;
  differences: { params: string[]; metrics: string[] };
}

export interface IOverviewGroup {
  name: string;
  description: string | null;
  latest_approved: {
    version: number;
    arn: string;
    metrics: Record<string, number>;
    approved_at: string | null;
  } | null;
  pending: {
    version: number;
    arn: string;
    created: string | null;
    waiting_seconds: number;
  }[];
}

export interface IOverviewPage {
  groups: IOverviewGroup[];
  next: string | null;
}

/** `?a=1&b=2` from the parameters that have a value; repeated keys for arrays. */
export function queryString(
  params: Record<string, string | string[] | null | undefined>
): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    const values = Array.isArray(value) ? value : [value];
    for (const one of values) {
      if (one !== null && one !== undefined && one !== '') {
        parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(one)}`);
      }
    }
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

function versionPath(group: string, version: number): string {
  return `registry/groups/${encodeURIComponent(group)}/versions/${version}`;
}

export function fetchGroups(
  query: string,
  next: string | null,
  settings?: ServerConnection.ISettings
): Promise<IGroupPage> {
  return requestAPI<IGroupPage>(
    `registry/groups${queryString({ query: query.trim(), next })}`,
    { method: 'GET' },
    settings
  );
}

export function fetchVersions(
  group: string,
  status: string,
  next: string | null,
  settings?: ServerConnection.ISettings
): Promise<IVersionPage> {
  return requestAPI<IVersionPage>(
    `registry/groups/${encodeURIComponent(group)}/versions` +
      queryString({ status, next }),
    { method: 'GET' },
    settings
  );
}

export function fetchVersion(
  group: string,
  version: number,
  settings?: ServerConnection.ISettings
): Promise<IVersionDetail> {
  return requestAPI<IVersionDetail>(
    versionPath(group, version),
    { method: 'GET' },
    settings
  );
}

export function updateStatus(
  group: string,
  version: number,
  status: ApprovalStatus,
  comment: string,
  settings?: ServerConnection.ISettings
): Promise<IVersionDetail> {
  return requestAPI<IVersionDetail>(
    versionPath(group, version),
    { method: 'PATCH', body: JSON.stringify({ status, comment }) },
    settings
  );
}

export function fetchComparison(
  arns: string[],
  settings?: ServerConnection.ISettings
): Promise<IComparison> {
  return requestAPI<IComparison>(
    `registry/compare${queryString({ arn: arns })}`,
    { method: 'GET' },
    settings
  );
}

export function fetchOverview(
  next: string | null,
  settings?: ServerConnection.ISettings
): Promise<IOverviewPage> {
  return requestAPI<IOverviewPage>(
    `registry/overview${queryString({ next })}`,
    { method: 'GET' },
    settings
  );
}

import { ServerConnection } from '@jupyterlab/services';

import type {
  RegistryApprovalEntry,
  RegistryApprovalRequest,
  RegistryComparison,
  RegistryGroup,
  RegistryGroupList,
  RegistryOverview,
  RegistryOverviewGroup,
  RegistryTrendPoint,
  RegistryVersion,
  RegistryVersionDetail,
  RegistryVersionList
} from '../generated/api-types';
import { requestAPI } from '../request';

/** What SageMaker calls a version's approval status, in the panel's order. */
export type ApprovalStatus = RegistryApprovalRequest['status'];
export const STATUSES: readonly ApprovalStatus[] = [
  'PendingManualApproval',
  'Approved',
  'Rejected'
];

// The wire types are generated from the server's models (labextension/src/generated/);
// times are ISO 8601 UTC.
export type IGroup = RegistryGroup;
export type IGroupPage = RegistryGroupList;
export type IVersion = RegistryVersion;
export type IVersionPage = RegistryVersionList;
export type IApprovalChange = RegistryApprovalEntry;
export type IVersionDetail = RegistryVersionDetail;
export type Direction = RegistryComparison['directions'][string];
export type ITrendPoint = RegistryTrendPoint;
export type IComparison = RegistryComparison;
export type IOverviewGroup = RegistryOverviewGroup;
export type IOverviewPage = RegistryOverview;

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

/** A person's Refresh: past the answer the server shares, to AWS (still shared in flight). */
export interface IReadOptions {
  refresh?: boolean;
}

/** The `refresh` query parameter of a read: only a person's Refresh sends it. */
export function refreshFlag(options: IReadOptions): string | null {
  return options.refresh ? 'true' : null;
}

function versionPath(group: string, version: number): string {
  return `registry/groups/${encodeURIComponent(group)}/versions/${version}`;
}

export function fetchGroups(
  query: string,
  next: string | null,
  settings?: ServerConnection.ISettings,
  options: IReadOptions = {}
): Promise<IGroupPage> {
  return requestAPI<IGroupPage>(
    `registry/groups${queryString({ query: query.trim(), next, refresh: refreshFlag(options) })}`,
    { method: 'GET' },
    settings
  );
}

export function fetchVersions(
  group: string,
  status: string,
  next: string | null,
  settings?: ServerConnection.ISettings,
  options: IReadOptions = {}
): Promise<IVersionPage> {
  return requestAPI<IVersionPage>(
    `registry/groups/${encodeURIComponent(group)}/versions` +
      queryString({ status, next, refresh: refreshFlag(options) }),
    { method: 'GET' },
    settings
  );
}

export function fetchVersion(
  group: string,
  version: number,
  settings?: ServerConnection.ISettings,
  options: IReadOptions = {}
): Promise<IVersionDetail> {
  return requestAPI<IVersionDetail>(
    versionPath(group, version) + queryString({ refresh: refreshFlag(options) }),
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
  settings?: ServerConnection.ISettings,
  options: IReadOptions = {}
): Promise<IComparison> {
  return requestAPI<IComparison>(
    `registry/compare${queryString({ arn: arns, refresh: refreshFlag(options) })}`,
    { method: 'GET' },
    settings
  );
}

export function fetchOverview(
  next: string | null,
  settings?: ServerConnection.ISettings,
  options: IReadOptions = {}
): Promise<IOverviewPage> {
  return requestAPI<IOverviewPage>(
    `registry/overview${queryString({ next, refresh: refreshFlag(options) })}`,
    { method: 'GET' },
    settings
  );
}

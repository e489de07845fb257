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
import { getAPI, IReadOptions, queryString, refreshFlag, sendAPI } from '../request';

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

function versionPath(group: string, version: number): string {
  return `registry/groups/${encodeURIComponent(group)}/versions/${version}`;
}

export function fetchGroups(
  query: string,
  next: string | null,
  settings?: ServerConnection.ISettings,
  options: IReadOptions = {}
): Promise<IGroupPage> {
  return getAPI(
    `registry/groups${queryString({ query: query.trim(), next, refresh: refreshFlag(options) })}`,
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
  return getAPI(
    `registry/groups/${encodeURIComponent(group)}/versions` +
      queryString({ status, next, refresh: refreshFlag(options) }),
    settings
  );
}

export function fetchVersion(
  group: string,
  version: number,
  settings?: ServerConnection.ISettings,
  options: IReadOptions = {}
): Promise<IVersionDetail> {
  return getAPI(
    versionPath(group, version) + queryString({ refresh: refreshFlag(options) }),
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
  return sendAPI('PATCH', versionPath(group, version), { status, comment }, settings);
}

export function fetchComparison(
  arns: string[],
  settings?: ServerConnection.ISettings,
  options: IReadOptions = {}
): Promise<IComparison> {
  return getAPI(
    `registry/compare${queryString({ arn: arns, refresh: refreshFlag(options) })}`,
    settings
  );
}

export function fetchOverview(
  next: string | null,
  settings?: ServerConnection.ISettings,
  options: IReadOptions = {}
): Promise<IOverviewPage> {
  return getAPI(
    `registry/overview${queryString({ next, refresh: refreshFlag(options) })}`,
    settings
  );
}

import { ServerConnection } from '@jupyterlab/services';

import type {
  RegistryApprovalRequest,
  RegistryComparison,
  RegistryGroupList,
  RegistryOverview,
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

// The wire types: import them from ../generated/api-types (generated from the server's
// models); times are ISO 8601 UTC.
export type Direction = RegistryComparison['directions'][string];

function versionPath(group: string, version: number): string {
  return `registry/groups/${encodeURIComponent(group)}/versions/${version}`;
}

export function fetchGroups(
  query: string,
  next: string | null,
  settings?: ServerConnection.ISettings,
  options: IReadOptions = {}
): Promise<RegistryGroupList> {
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
): Promise<RegistryVersionList> {
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
): Promise<RegistryVersionDetail> {
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
): Promise<RegistryVersionDetail> {
  return sendAPI('PATCH', versionPath(group, version), { status, comment }, settings);
}

export function fetchComparison(
  arns: string[],
  settings?: ServerConnection.ISettings,
  options: IReadOptions = {}
): Promise<RegistryComparison> {
  return getAPI(
    `registry/compare${queryString({ arn: arns, refresh: refreshFlag(options) })}`,
    settings
  );
}

export function fetchOverview(
  next: string | null,
  settings?: ServerConnection.ISettings,
  options: IReadOptions = {}
): Promise<RegistryOverview> {
  return getAPI(
    `registry/overview${queryString({ next, refresh: refreshFlag(options) })}`,
    settings
  );
}

import { ServerConnection } from '@jupyterlab/services';

import type { AwsStatus, Status, StudioStatus } from '../generated/api-types';
import { getAPI, IReadOptions, queryString, refreshFlag } from '../request';

// The wire types are generated from the server's models (labextension/src/generated/).
export type IAwsStatus = AwsStatus;
export type IStudioStatus = StudioStatus;
export type IStatus = Status;

/** `refresh`: a person's "Check again", past the identity the server shares between tabs. */
export function fetchStatus(
  settings?: ServerConnection.ISettings,
  options: IReadOptions = {}
): Promise<IStatus> {
  return getAPI(`status${queryString({ refresh: refreshFlag(options) })}`, settings);
}

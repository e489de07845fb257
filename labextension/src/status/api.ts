import { ServerConnection } from '@jupyterlab/services';

import type { AwsStatus, Status, StudioStatus } from '../generated/api-types';
import { requestAPI } from '../request';

// The wire types are generated from the server's models (labextension/src/generated/).
export type IAwsStatus = AwsStatus;
export type IStudioStatus = StudioStatus;
export type IStatus = Status;

export function fetchStatus(settings?: ServerConnection.ISettings): Promise<IStatus> {
  return requestAPI<IStatus>('status', { method: 'GET' }, settings);
}

import { ServerConnection } from '@jupyterlab/services';

import { requestAPI } from '../request';

/** Mirrors `jupyter_dsws/status/models.py`. */
export interface IAwsStatus {
  ok: boolean;
  account: string | null;
  arn: string | null;
  endpoint: string | null;
  error: string | null;
}

export interface IStudioStatus {
  domain_id: string;
  space_name: string | null;
  user_profile: string | null;
  app_type: string;
  app_name: string | null;
  instance_type: string | null;
}

export interface IStatus {
  version: string;
  region: string | null;
  aws: IAwsStatus;
  studio: IStudioStatus | null;
}

export function fetchStatus(
  settings?: ServerConnection.ISettings
): Promise<IStatus> {
  return requestAPI<IStatus>('status', { method: 'GET' }, settings);
}

import { ServerConnection } from '@jupyterlab/services';

import type { Status } from '../generated/api-types';
import { getAPI, IReadOptions, queryString, refreshFlag } from '../request';

// The wire types: import them from ../generated/api-types (generated from the server's
// models).

/** `refresh`: a person's "Check again", past the identity the server shares between tabs. */
export function fetchStatus(
  settings?: ServerConnection.ISettings,
  options: IReadOptions = {}
): Promise<Status> {
  return getAPI(`status${queryString({ refresh: refreshFlag(options) })}`, settings);
}

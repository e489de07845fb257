import { ServerConnection } from '@jupyterlab/services';

import type {
  CopiedExample,
  CopyExampleRequest,
  ExampleList
} from '../generated/api-types';
import { getAPI, sendAPI } from '../request';

// The wire types: import them from ../generated/api-types (generated from the server's
// models).

export function listExamples(
  settings?: ServerConnection.ISettings
): Promise<ExampleList> {
  return getAPI('examples', settings);
}

/** Copies example `name` into `directory` (relative to root_dir; '' for the top). */
export function copyExample(
  name: string,
  directory = '',
  settings?: ServerConnection.ISettings
): Promise<CopiedExample> {
  const body: CopyExampleRequest = { name, directory };
  return sendAPI('POST', 'examples/copy', body, settings);
}

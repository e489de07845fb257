import { ServerConnection } from '@jupyterlab/services';

import type {
  CopiedExample,
  CopyExampleRequest,
  ExampleInfo,
  ExampleList
} from '../generated/api-types';
import { getAPI, sendAPI } from '../request';

// The wire types are generated from the server's models (labextension/src/generated/).
export type IExample = ExampleInfo;
export type IExampleList = ExampleList;
export type ICopiedExample = CopiedExample;

export function listExamples(
  settings?: ServerConnection.ISettings
): Promise<IExampleList> {
  return getAPI('examples', settings);
}

/** Copies example `name` into `directory` (relative to root_dir; '' for the top). */
export function copyExample(
  name: string,
  directory = '',
  settings?: ServerConnection.ISettings
): Promise<ICopiedExample> {
  const body: CopyExampleRequest = { name, directory };
  return sendAPI('POST', 'examples/copy', body, settings);
}

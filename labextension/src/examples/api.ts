import { ServerConnection } from '@jupyterlab/services';

import type {
  CopiedExample,
  CopyExampleRequest,
  ExampleInfo,
  ExampleList
} from '../generated/api-types';
import { requestAPI } from '../request';

// The wire types are generated from the server's models (labextension/src/generated/).
export type IExample = ExampleInfo;
export type IExampleList = ExampleList;
export type ICopiedExample = CopiedExample;

export function listExamples(
  settings?: ServerConnection.ISettings
): Promise<IExampleList> {
  return requestAPI<IExampleList>('examples', { method: 'GET' }, settings);
}

/** Copies example `name` into `directory` (relative to root_dir; '' for the top). */
export function copyExample(
  name: string,
  directory = '',
  settings?: ServerConnection.ISettings
): Promise<ICopiedExample> {
  const body: CopyExampleRequest = { name, directory };
  return requestAPI<ICopiedExample>(
    'examples/copy',
    { method: 'POST', body: JSON.stringify(body) },
    settings
  );
}

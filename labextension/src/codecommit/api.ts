import { ServerConnection } from '@jupyterlab/services';

import type {
  ClonedAt,
  CloneRequest,
  CloneStarted,
  CloneStatus,
  Repository,
  RepositoryList
} from '../generated/api-types';
import { DSWSApiError, requestAPI } from '../request';

// The wire types are generated from the server's models (labextension/src/generated/).
export type IRepository = Repository;
export type IRepositoryList = RepositoryList;
export type IClonedAt = ClonedAt;
/** Exactly one of `repo` and `url`. */
export type ICloneRequest = CloneRequest;
export type ICloneStarted = CloneStarted;
export type CloneState = CloneStatus['state'];
export type ICloneStatus = CloneStatus;

/** The 409 of a clone into a folder that exists: the server names a free one. */
export class FolderExistsError extends DSWSApiError {
  constructor(
    message: string,
    readonly suggestedPath: string | null
  ) {
    super('folder_exists', message, 409);
    this.name = 'FolderExistsError';
  }
}

/** `refresh`: a person's Refresh, past the list the server shares between tabs. */
export function fetchRepositories(
  settings?: ServerConnection.ISettings,
  options: { refresh?: boolean } = {}
): Promise<IRepositoryList> {
  return requestAPI<IRepositoryList>(
    `codecommit/repos${options.refresh ? '?refresh=true' : ''}`,
    { method: 'GET' },
    settings
  );
}

/** Where a remote (a CodeCommit name or a clone URL) is cloned under the root already. */
export function fetchClonedAt(
  source: string,
  settings?: ServerConnection.ISettings
): Promise<IClonedAt> {
  return requestAPI<IClonedAt>(
    `codecommit/cloned?source=${encodeURIComponent(source)}`,
    { method: 'GET' },
    settings
  );
}

/**
 * Start a clone. A folder that exists already becomes a `FolderExistsError` with the
 * free folder the server suggests in its 409 body.
 */
export async function startClone(
  request: ICloneRequest,
  settings?: ServerConnection.ISettings
): Promise<ICloneStarted> {
  try {
    return await requestAPI<ICloneStarted>(
      'codecommit/clone',
      { method: 'POST', body: JSON.stringify(request) },
      settings
    );
  } catch (error) {
    if (error instanceof DSWSApiError && error.code === 'folder_exists') {
      const suggested = error.body.suggested_path;
      throw new FolderExistsError(
        error.message,
        typeof suggested === 'string' ? suggested : null
      );
    }
    throw error;
  }
}

export function fetchClone(
  id: string,
  settings?: ServerConnection.ISettings
): Promise<ICloneStatus> {
  return requestAPI<ICloneStatus>(
    `codecommit/clone/${encodeURIComponent(id)}`,
    { method: 'GET' },
    settings
  );
}

export function cancelClone(
  id: string,
  settings?: ServerConnection.ISettings
): Promise<ICloneStatus> {
  return requestAPI<ICloneStatus>(
    `codecommit/clone/${encodeURIComponent(id)}`,
    { method: 'DELETE' },
    settings
  );
}

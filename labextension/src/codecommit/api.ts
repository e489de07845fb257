import { ServerConnection } from '@jupyterlab/services';

import type {
  ClonedAt,
  CloneRequest,
  CloneStarted,
  CloneStatus,
  Repository,
  RepositoryList
} from '../generated/api-types';
import {
  DSWSApiError,
  getAPI,
  IReadOptions,
  queryString,
  refining,
  refreshFlag,
  sendAPI
} from '../request';

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
  options: IReadOptions = {}
): Promise<IRepositoryList> {
  return getAPI(
    `codecommit/repos${queryString({ refresh: refreshFlag(options) })}`,
    settings
  );
}

/** Where a remote (a CodeCommit name or a clone URL) is cloned under the root already. */
export function fetchClonedAt(
  source: string,
  settings?: ServerConnection.ISettings
): Promise<IClonedAt> {
  return getAPI(`codecommit/cloned?source=${encodeURIComponent(source)}`, settings);
}

/**
 * Start a clone. A folder that exists already becomes a `FolderExistsError` with the
 * free folder the server suggests in its 409 body.
 */
export function startClone(
  request: ICloneRequest,
  settings?: ServerConnection.ISettings
): Promise<ICloneStarted> {
  return refining(
    sendAPI<ICloneStarted>('POST', 'codecommit/clone', request, settings),
    'folder_exists',
    error => {
      const suggested = error.body.suggested_path;
      return new FolderExistsError(
        error.message,
        typeof suggested === 'string' ? suggested : null
      );
    }
  );
}

function clonePath(id: string): string {
  return `codecommit/clone/${encodeURIComponent(id)}`;
}

export function fetchClone(
  id: string,
  settings?: ServerConnection.ISettings
): Promise<ICloneStatus> {
  return getAPI(clonePath(id), settings);
}

export function cancelClone(
  id: string,
  settings?: ServerConnection.ISettings
): Promise<ICloneStatus> {
  return sendAPI('DELETE', clonePath(id), undefined, settings);
}

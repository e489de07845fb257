import { ServerConnection } from '@jupyterlab/services';

import type {
  CloneRequest,
  CloneStarted,
  CloneStatus,
  ClonedAt,
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

// The wire types: import them from ../generated/api-types (generated from the server's
// models).
/** Exactly one of `repo` and `url`. */
export type CloneState = CloneStatus['state'];

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
): Promise<RepositoryList> {
  return getAPI(
    `codecommit/repos${queryString({ refresh: refreshFlag(options) })}`,
    settings
  );
}

/** Where a remote (a CodeCommit name or a clone URL) is cloned under the root already. */
export function fetchClonedAt(
  source: string,
  settings?: ServerConnection.ISettings
): Promise<ClonedAt> {
  return getAPI(`codecommit/cloned?source=${encodeURIComponent(source)}`, settings);
}

/**
 * Start a clone. A folder that exists already becomes a `FolderExistsError` with the
 * free folder the server suggests in its 409 body.
 */
export function startClone(
  request: CloneRequest,
  settings?: ServerConnection.ISettings
): Promise<CloneStarted> {
  return refining(
    sendAPI<CloneStarted>('POST', 'codecommit/clone', request, settings),
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
): Promise<CloneStatus> {
  return getAPI(clonePath(id), settings);
}

export function cancelClone(
  id: string,
  settings?: ServerConnection.ISettings
): Promise<CloneStatus> {
  return sendAPI('DELETE', clonePath(id), undefined, settings);
}

import { ServerConnection } from '@jupyterlab/services';

import { DSWSApiError, requestAPI } from '../request';

/** Mirrors `jupyter_dsws/codecommit/models.py`. */
export interface IRepository {
  name: string;
  description: string | null;
  default_branch: string | null;
  clone_url_http: string;
  /** ISO 8601. */
  last_modified: string | null;
  /** The folder of an existing clone, relative to the server's root; null if none. */
  cloned_at: string | null;
}

export interface IRepositoryList {
  repos: IRepository[];
  suggested: string[];
  /** Why listing failed (denied, unreachable); null when it did not. */
  error: string | null;
}

/** Where a typed name or URL is cloned under the server's root already. */
export interface IClonedAt {
  source: string;
  /** The clone's folder, relative to the server's root; null when there is none. */
  path: string | null;
}

/** Exactly one of `repo` and `url`. */
export interface ICloneRequest {
  repo?: string;
  url?: string;
  /** Relative to the server's root; default the repository's name. */
  path?: string;
  branch?: string;
}

export interface ICloneStarted {
  id: string;
}

export type CloneState = 'running' | 'done' | 'failed' | 'cancelled';

export interface ICloneStatus {
  id: string;
  state: CloneState;
  /** 0..100, from git's own progress. */
  progress: number;
  phase: string;
  message: string;
  path: string;
  /** auth_failed, repository_not_found, endpoint_unreachable, ... when failed. */
  error: string | null;
}

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

export function fetchRepositories(
  settings?: ServerConnection.ISettings
): Promise<IRepositoryList> {
  return requestAPI<IRepositoryList>(
    'codecommit/repos',
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

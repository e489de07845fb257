import { ServerConnection } from '@jupyterlab/services';

import { DSWSApiError } from '../request';

/**
 * What to tell a person about a failed request: the server's own message (it says what to
 * fix), ours or the Jupyter server's (a document's save: "Permission denied: a.txt"), or
 * `fallback` for anything else (no answer, a bug), never a stack or a raw error.
 */
export function messageOf(error: unknown, fallback: string): string {
  return error instanceof DSWSApiError || error instanceof ServerConnection.ResponseError
    ? error.message
    : fallback;
}

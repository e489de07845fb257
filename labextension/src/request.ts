import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

/**
 * An error the server (or the way to it) answered with, in the server's own words:
 * `{"error": code, "message": text}`.
 */
export class DSWSApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    /** The whole error body: some errors carry more than code and message. */
    readonly body: Record<string, unknown> = {}
  ) {
    super(message);
    this.name = 'DSWSApiError';
  }
}

/**
 * Call a route under `{base_url}dsws/` and return its JSON body.
 *
 * Every failure becomes a `DSWSApiError` whose message a person can read: the server's
 * own message when it sent one, else what went wrong on the way.
 */
export async function requestAPI<T>(
  path: string,
  init: RequestInit = {},
  settings: ServerConnection.ISettings = ServerConnection.makeSettings()
): Promise<T> {
  const url = URLExt.join(settings.baseUrl, 'dsws', path);
  let response: Response;
  try {
    response = await ServerConnection.makeRequest(url, init, settings);
  } catch {
    throw new DSWSApiError(
      'server_unreachable',
      'The Jupyter server cannot be reached. Check that it is still running.',
      0
    );
  }
  const text = await response.text();
  let body: any = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!response.ok) {
    if (body && typeof body.error === 'string') {
      throw new DSWSApiError(
        body.error,
        String(body.message ?? body.error),
        response.status,
        body
      );
    }
    throw new DSWSApiError(
      `http_${response.status}`,
      `The server answered ${response.status} ${response.statusText || ''}`.trim() + '.',
      response.status
    );
  }
  return body as T;
}

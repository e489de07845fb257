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

/** A read of a route under `dsws/` (see requestAPI). */
export function getAPI<T>(
  path: string,
  settings?: ServerConnection.ISettings
): Promise<T> {
  return requestAPI<T>(path, { method: 'GET' }, settings);
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };

/** A change through a route under `dsws/`, with `body` as JSON when there is one. */
export function sendAPI<T>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  settings?: ServerConnection.ISettings
): Promise<T> {
  const init: RequestInit =
    body === undefined
      ? { method }
      : { method, body: JSON.stringify(body), headers: JSON_HEADERS };
  return requestAPI<T>(path, init, settings);
}

/**
 * `call`, whose failure with the error code `code` becomes the richer error `make` builds
 * from it (what else the server's body says); any other failure is passed on as it came.
 */
export async function refining<T>(
  call: Promise<T>,
  code: string,
  make: (error: DSWSApiError) => Error
): Promise<T> {
  try {
    return await call;
  } catch (error) {
    throw error instanceof DSWSApiError && error.code === code ? make(error) : error;
  }
}

/** `?a=1&b=2` from the parameters that have a value; repeated keys for arrays. */
export function queryString(
  params: Record<string, string | string[] | null | undefined>
): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    const values = Array.isArray(value) ? value : [value];
    for (const one of values) {
      if (one !== null && one !== undefined && one !== '') {
        parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(one)}`);
      }
    }
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/** A person's Refresh: past the answer the server shares, to AWS (still shared in flight). */
export interface IReadOptions {
  refresh?: boolean;
}

/** The `refresh` query parameter of a read: only a person's Refresh sends it. */
export function refreshFlag(options: IReadOptions): string | null {
  return options.refresh ? 'true' : null;
}

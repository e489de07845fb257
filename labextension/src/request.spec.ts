import { describe, expect, it } from 'vitest';

import { DSWSApiError, requestAPI } from './request';
import { settingsResponding } from './testing';

const BASE_URL = 'http://localhost:8888/jupyterlab/default/';

async function failure(pending: Promise<unknown>): Promise<DSWSApiError> {
  try {
    await pending;
  } catch (error) {
    return error as DSWSApiError;
  }
  throw new Error('the request was expected to fail');
}

describe('requestAPI', () => {
  it('calls the route under {base_url}dsws/ and returns its JSON', async () => {
    const { settings, asked } = settingsResponding(
      async () => new Response(JSON.stringify({ version: '1.2.3' })),
      BASE_URL
    );
    const body = await requestAPI<{ version: string }>('status', {}, settings);
    expect(body.version).toBe('1.2.3');
    const url = new URL(asked[0].url);
    expect(url.host).toBe('localhost:8888');
    expect(url.pathname).toBe('/jupyterlab/default/dsws/status');
  });

  it("turns the server's error body into an error with its code and message", async () => {
    const { settings } = settingsResponding(
      async () =>
        new Response(
          JSON.stringify({
            error: 'access_denied',
            message: 'Not allowed: AWS denied sagemaker:ListModelPackageGroups.'
          }),
          { status: 403 }
        ),
      BASE_URL
    );
    const error = await failure(requestAPI('status', {}, settings));
    expect(error).toBeInstanceOf(DSWSApiError);
    expect(error.code).toBe('access_denied');
    expect(error.status).toBe(403);
    expect(error.message).toContain('sagemaker:ListModelPackageGroups');
    expect(error.body.error).toBe('access_denied');
  });

  it('says what happened when the answer is not ours (a proxy page)', async () => {
    const { settings } = settingsResponding(
      async () =>
        new Response('<html>Bad gateway</html>', {
          status: 502,
          statusText: 'Bad Gateway'
        }),
      BASE_URL
    );
    const error = await failure(requestAPI('status', {}, settings));
    expect(error.code).toBe('http_502');
    expect(error.message).toBe('The server answered 502 Bad Gateway.');
  });

  it('says the server is gone when the request cannot be made', async () => {
    const { settings } = settingsResponding(async () => {
      throw new TypeError('Failed to fetch');
    }, BASE_URL);
    const error = await failure(requestAPI('status', {}, settings));
    expect(error.code).toBe('server_unreachable');
    expect(error.message).toContain('cannot be reached');
  });
});

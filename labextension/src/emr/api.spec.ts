import { describe, expect, it } from 'vitest';

import { DSWSApiError } from '../request';
import { settingsAnswering } from '../testing';
import {
  checkCluster,
  connectCluster,
  fetchClusters,
  fetchServerless,
  startServerless
} from './api';

describe('EMR calls', () => {
  it('list clusters by state with the opaque cursor', async () => {
    const { settings, asked } = settingsAnswering(200, { clusters: [], next: null });
    await fetchClusters('all', 'a/b+c=', settings);
    const url = new URL(asked[0].url);
    expect(url.pathname).toBe('/dsws/emr/clusters');
    expect(url.searchParams.get('state')).toBe('all');
    expect(url.searchParams.get('next')).toBe('a/b+c=');
  });

  it('a Refresh asks past the shared lists with refresh=true, only when asked', async () => {
    const { settings, asked } = settingsAnswering(200, { clusters: [], next: null });
    await fetchClusters('active', null, settings);
    await fetchClusters('active', null, settings, { refresh: true });
    await fetchServerless(settings);
    await fetchServerless(settings, { refresh: true });
    expect(asked.map(a => new URL(a.url).searchParams.get('refresh'))).toEqual([
      null,
      'true',
      null,
      'true'
    ]);
  });

  it('check and connect a cluster by its id, with the auth in the body', async () => {
    const { settings, asked } = settingsAnswering(200, { cell: 'x' });
    await checkCluster('j-1ABC', settings);
    await connectCluster(
      'j-1ABC',
      { auth: 'runtime_role', execution_role_arn: 'arn:aws:iam::1:role/etl' },
      settings
    );
    expect(asked.map(a => [a.method, new URL(a.url).pathname])).toEqual([
      ['POST', '/dsws/emr/clusters/j-1ABC/check'],
      ['POST', '/dsws/emr/clusters/j-1ABC/connect']
    ]);
    expect(asked[1].body).toEqual({
      auth: 'runtime_role',
      execution_role_arn: 'arn:aws:iam::1:role/etl'
    });
  });

  it("start a Serverless application; a refusal in the server's words", async () => {
    const { settings, asked } = settingsAnswering(404, {
      error: 'not_found',
      message: 'No EMR Serverless application 00abc.'
    });
    const error = await startServerless('00abc', settings).catch(e => e);
    expect(error).toBeInstanceOf(DSWSApiError);
    expect(error).toMatchObject({
      code: 'not_found',
      message: 'No EMR Serverless application 00abc.',
      status: 404
    });
    expect(new URL(asked[0].url).pathname).toBe(
      '/dsws/emr/serverless/applications/00abc/start'
    );
  });
});

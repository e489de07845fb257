import { describe, expect, it } from 'vitest';

import { DSWSApiError } from '../request';
import { settingsAnswering } from '../testing';
import {
  fetchCatalog,
  fetchCurrent,
  InvalidCsvError,
  recommend,
  recommendInventory,
  switchInstance
} from './api';

describe('the instance routes', () => {
  it('reads the catalog of a region, or of the server', async () => {
    const { settings, asked } = settingsAnswering(200, { region: 'eu-west-1' });
    await fetchCatalog('eu-west-1', settings);
    await fetchCatalog(undefined, settings);
    expect(asked.map(a => [a.method, a.url])).toEqual([
      ['GET', 'http://localhost:8888/dsws/instances?region=eu-west-1'],
      ['GET', 'http://localhost:8888/dsws/instances']
    ]);
  });

  it('posts the workload as it is', async () => {
    const { settings, asked } = settingsAnswering(200, { recommendations: [] });
    await recommend({ model: 'CNN', memory_gb: 0.05, gpu: 'yes' }, settings);
    expect(asked[0].method).toBe('POST');
    expect(asked[0].url).toBe('http://localhost:8888/dsws/instances/recommend');
    expect(asked[0].body).toEqual({ model: 'CNN', memory_gb: 0.05, gpu: 'yes' });
  });

  it('reads the current instance and asks for a switch', async () => {
    const { settings, asked } = settingsAnswering(202, { message: 'ok' });
    await fetchCurrent(settings);
    await switchInstance('ml.g4dn.xlarge', settings);
    expect(asked.map(a => [a.method, a.url.split('/dsws/')[1], a.body])).toEqual([
      ['GET', 'instances/current', null],
      ['POST', 'instances/switch', { instance_type: 'ml.g4dn.xlarge' }]
    ]);
  });

  it("keeps a 422's quota fields for the panel", async () => {
    const { settings } = settingsAnswering(422, {
      error: 'quota_exceeded',
      message: 'Raise the quota first.',
      quota_name: 'Studio JupyterLab Apps running on ml.g5.xlarge instance',
      quota_code: 'L-1',
      limit: 0,
      in_use: 0
    });
    const failure = await switchInstance('ml.g5.xlarge', settings).catch(e => e);
    expect(failure).toBeInstanceOf(DSWSApiError);
    expect(failure.status).toBe(422);
    expect(failure.body.quota_name).toBe(
      'Studio JupyterLab Apps running on ml.g5.xlarge instance'
    );
  });
});

describe('the inventory route', () => {
  it('posts the CSV text and the preference', async () => {
    const { settings, asked } = settingsAnswering(200, { rows: [] });
    await recommendInventory({ csv: 'User,Feature\n', preference: 'cheapest' }, settings);
    expect(asked[0].url).toBe('http://localhost:8888/dsws/instances/inventory');
    expect(asked[0].body).toEqual({ csv: 'User,Feature\n', preference: 'cheapest' });
  });

  it('turns a malformed file into an error with its line and column', async () => {
    const { settings } = settingsAnswering(400, {
      error: 'invalid_csv',
      message: '"lots" is not a size.',
      line: 3,
      column: 'Memory'
    });
    const failure = await recommendInventory({ csv: 'x' }, settings).catch(e => e);
    expect(failure).toBeInstanceOf(InvalidCsvError);
    expect([failure.line, failure.column, failure.message]).toEqual([
      3,
      'Memory',
      '"lots" is not a size.'
    ]);
  });

  it('passes other refusals on as they are', async () => {
    const { settings } = settingsAnswering(400, {
      error: 'invalid_input',
      message: 'csv: field required'
    });
    const failure = await recommendInventory({ csv: '' }, settings).catch(e => e);
    expect(failure).not.toBeInstanceOf(InvalidCsvError);
    expect(failure.code).toBe('invalid_input');
  });
});

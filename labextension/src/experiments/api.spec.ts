import { describe, expect, it } from 'vitest';

import { DSWSApiError } from '../request';
import { settingsAnswering } from '../testing';
import {
  createUiUrl,
  fetchCompareHistory,
  fetchComparison,
  fetchExperiments,
  fetchRuns,
  registerRun
} from './api';

describe('experiments calls', () => {
  it('search experiments by name with the opaque cursor', async () => {
    const { settings, asked } = settingsAnswering(200, { experiments: [], next: null });
    await fetchExperiments(' owls ', 'a/b+c=', settings);
    const url = new URL(asked[0].url);
    expect(url.pathname).toBe('/dsws/experiments/experiments');
    expect(url.searchParams.get('query')).toBe('owls');
    expect(url.searchParams.get('next')).toBe('a/b+c=');
  });

  it("send MLflow's filter and order_by as they are, encoded", async () => {
    const { settings, asked } = settingsAnswering(200, {
      runs: [],
      params: [],
      metrics: []
    });
    await fetchRuns(
      '7',
      "metrics.accuracy > 0.9 and params.model = 'logreg'",
      'metrics.accuracy DESC',
      null,
      settings
    );
    const url = new URL(asked[0].url);
    expect(url.pathname).toBe('/dsws/experiments/experiments/7/runs');
    expect(url.searchParams.get('filter')).toBe(
      "metrics.accuracy > 0.9 and params.model = 'logreg'"
    );
    expect(url.searchParams.get('order_by')).toBe('metrics.accuracy DESC');
    expect(url.searchParams.has('next')).toBe(false);
  });

  it('repeat run= for a comparison and its histories', async () => {
    const { settings, asked } = settingsAnswering(200, {});
    await fetchComparison(['r1', 'r2', 'r3'], settings);
    await fetchCompareHistory('val loss', ['r1', 'r2'], 1000, settings);
    expect(new URL(asked[0].url).searchParams.getAll('run')).toEqual(['r1', 'r2', 'r3']);
    const history = new URL(asked[1].url);
    expect(history.pathname).toBe('/dsws/experiments/compare/metrics/val%20loss');
    expect(history.searchParams.getAll('run')).toEqual(['r1', 'r2']);
    expect(history.searchParams.get('max_points')).toBe('1000');
  });

  it('register with a POST body, and ask for a UI URL with a POST', async () => {
    const { settings, asked } = settingsAnswering(201, {
      group: 'g',
      version: 1,
      arn: 'x'
    });
    await registerRun(
      'r1',
      { group: 'g', artifact_path: 'model', description: null },
      settings
    );
    expect(asked[0].method).toBe('POST');
    expect(asked[0].url).toBe('http://localhost:8888/dsws/experiments/runs/r1/register');
    expect(asked[0].body).toEqual({
      group: 'g',
      artifact_path: 'model',
      description: null
    });
    await createUiUrl(settings);
    expect(asked[1].method).toBe('POST');
    expect(asked[1].url).toBe('http://localhost:8888/dsws/experiments/ui-url');
  });

  it("turn a refused filter into an error carrying MLflow's message", async () => {
    const { settings } = settingsAnswering(400, {
      error: 'bad_filter',
      message: "Invalid clause(s) in filter string: 'metrics.'"
    });
    const failure = await fetchRuns('7', 'metrics.', null, null, settings).catch(e => e);
    expect(failure).toBeInstanceOf(DSWSApiError);
    expect(failure.code).toBe('bad_filter');
    expect(failure.message).toContain('Invalid clause');
  });
});

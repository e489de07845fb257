import { describe, expect, it } from 'vitest';

import { DSWSApiError, queryString } from '../request';
import { settingsAnswering } from '../testing';
import {
  fetchComparison,
  fetchGroups,
  fetchOverview,
  fetchVersion,
  fetchVersions,
  updateStatus
} from './api';

// A cursor as AWS hands them out: base64 with "/", "+" and "=".
const CURSOR = 'eyJ0b2tlbiI6ICJhL2IrYz0ifQ==/+x';

describe('registry calls', () => {
  it('send the search text and the opaque cursor URL-encoded', async () => {
    const { settings, asked } = settingsAnswering(200, { groups: [], next: null });
    await fetchGroups(' sorting hat ', CURSOR, settings);
    const url = new URL(asked[0].url);
    expect(url.pathname).toBe('/dsws/registry/groups');
    expect(url.searchParams.get('query')).toBe('sorting hat');
    expect(url.searchParams.get('next')).toBe(CURSOR);
    expect(asked[0].url).not.toContain(CURSOR); // encoded, not raw
  });

  it('leave empty parameters out', async () => {
    const { settings, asked } = settingsAnswering(200, { groups: [], next: null });
    await fetchGroups('', null, settings);
    expect(asked[0].url).toBe('http://localhost:8888/dsws/registry/groups');
    await fetchOverview(null, settings);
    expect(asked[1].url).toBe('http://localhost:8888/dsws/registry/overview');
  });

  it("ask past the server's shared answer only for a person's Refresh", async () => {
    const { settings, asked } = settingsAnswering(200, { groups: [], next: null });
    await fetchGroups('', null, settings, { refresh: true });
    await fetchOverview(null, settings, { refresh: true });
    await fetchVersions('owls', '', null, settings, { refresh: true });
    await fetchVersions('owls', '', null, settings);
    await fetchVersion('owls', 2, settings, { refresh: true });
    await fetchVersion('owls', 2, settings);
    const arn = 'arn:aws:sagemaker:eu-central-1:123456789012:model-package';
    await fetchComparison([`${arn}/a/1`, `${arn}/b/2`], settings, { refresh: true });
    expect(asked.map(a => new URL(a.url).searchParams.get('refresh'))).toEqual([
      'true',
      'true',
      'true',
      null,
      'true',
      null,
      'true'
    ]);
  });

  it('ask for one status of a group', async () => {
    const { settings, asked } = settingsAnswering(200, { versions: [], next: null });
    await fetchVersions('sorting-hat-algorithm', 'Approved', null, settings);
    expect(asked[0].url).toBe(
      'http://localhost:8888/dsws/registry/groups/sorting-hat-algorithm/versions?status=Approved'
    );
  });

  it('repeat arn for each compared version', async () => {
    const { settings, asked } = settingsAnswering(200, {});
    const arns = [
      'arn:aws:sagemaker:eu-central-1:123456789012:model-package/a/1',
      'arn:aws:sagemaker:eu-central-1:123456789012:model-package/b/2'
    ];
    await fetchComparison(arns, settings);
    expect(new URL(asked[0].url).searchParams.getAll('arn')).toEqual(arns);
  });

  it('PATCH the status with the comment', async () => {
    const { settings, asked } = settingsAnswering(200, { version: 4 });
    await updateStatus(
      'sorting-hat-algorithm',
      4,
      'Approved',
      'Clears the bar.',
      settings
    );
    expect(asked[0].url).toBe(
      'http://localhost:8888/dsws/registry/groups/sorting-hat-algorithm/versions/4'
    );
    expect(asked[0].method).toBe('PATCH');
    expect(asked[0].body).toEqual({
      status: 'Approved',
      comment: 'Clears the bar.'
    });
  });

  it("turn the server's 404 into an error in its own words", async () => {
    const { settings } = settingsAnswering(404, {
      error: 'group_not_found',
      message: 'No model package group named owls.'
    });
    const failure = await fetchVersions('owls', '', null, settings).catch(e => e);
    expect(failure).toBeInstanceOf(DSWSApiError);
    expect(failure.status).toBe(404);
    expect(failure.message).toBe('No model package group named owls.');
  });

  it('build query strings', () => {
    expect(queryString({ a: 'x y', b: null, c: ['1', '2'], d: '' })).toBe(
      '?a=x%20y&c=1&c=2'
    );
    expect(queryString({})).toBe('');
  });
});

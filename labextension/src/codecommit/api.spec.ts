import { describe, expect, it } from 'vitest';

import { settingsAnswering } from '../testing';
import { fetchClonedAt, FolderExistsError, startClone } from './api';

describe('startClone', () => {
  it('posts the request and returns the id', async () => {
    const { settings, asked } = settingsAnswering(202, { id: 'x' });
    expect(await startClone({ repo: 'team', path: 'a/team' }, settings)).toEqual({
      id: 'x'
    });
    expect(asked[0].url).toContain('/dsws/codecommit/clone');
  });

  it('keeps the free folder the 409 names', async () => {
    const { settings } = settingsAnswering(409, {
      error: 'folder_exists',
      message: 'The folder team already exists.',
      suggested_path: 'team-2'
    });
    const failure = await startClone({ repo: 'team' }, settings).catch(e => e);
    expect(failure).toBeInstanceOf(FolderExistsError);
    expect(failure.suggestedPath).toBe('team-2');
    expect(failure.message).toBe('The folder team already exists.');
  });

  it('passes other errors on as they are', async () => {
    const { settings } = settingsAnswering(400, {
      error: 'invalid_repository',
      message: 'Bad name.'
    });
    const failure = await startClone({ repo: '-u' }, settings).catch(e => e);
    expect(failure).not.toBeInstanceOf(FolderExistsError);
    expect(failure.code).toBe('invalid_repository');
  });
});

describe('fetchClonedAt', () => {
  it('sends what was typed, URL and all, as one query value', async () => {
    const { settings, asked } = settingsAnswering(200, { source: 'x', path: 'a/b' });
    const url = 'https://github.com/team/notebooks.git?x=1&y=2';
    expect(await fetchClonedAt(url, settings)).toEqual({ source: 'x', path: 'a/b' });
    const sent = new URL(asked[0].url);
    expect(sent.pathname).toBe('/dsws/codecommit/cloned');
    expect(sent.searchParams.get('source')).toBe(url);
  });
});

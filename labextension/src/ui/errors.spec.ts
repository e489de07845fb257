import { ServerConnection } from '@jupyterlab/services';
import { describe, expect, it } from 'vitest';

import { DSWSApiError } from '../request';
import { messageOf } from './errors';

describe('messageOf', () => {
  it("gives the server's words, and the fallback for anything else", () => {
    const refused = new DSWSApiError(
      'bad_input',
      'Timeout must be at least 10 min.',
      400
    );
    expect(messageOf(refused, 'Could not save.')).toBe(
      'Timeout must be at least 10 min.'
    );
    expect(messageOf(new TypeError('Failed to fetch'), 'Could not save.')).toBe(
      'Could not save.'
    );
    expect(messageOf(undefined, 'Could not save.')).toBe('Could not save.');
  });

  it("gives the Jupyter server's words too (a document that could not be saved)", () => {
    const denied = new ServerConnection.ResponseError(
      new Response(null, { status: 403 }),
      'Permission denied: notes.txt'
    );
    expect(messageOf(denied, 'Could not save.')).toBe('Permission denied: notes.txt');
  });
});

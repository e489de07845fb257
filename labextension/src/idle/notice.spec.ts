import { describe, expect, it } from 'vitest';

import { IdleModel } from './model';
import { stopNotice, warningMessage } from './notice';

const at = (iso: string) => (iso === '2026-11-25T14:05:00Z' ? '14:05' : iso);

function seen(overrides: Partial<IdleModel.IStopSeen> = {}): IdleModel.IStopSeen {
  return {
    stopId: 'stop-1',
    stop: {
      cause: 'idle',
      at: '2026-11-25T14:05:00Z',
      idle_seconds: 62 * 60,
      reason: 'Nothing worked and nobody was active for 62.0 min (timeout 62.0 min).',
      restart: 'Start the space again from SageMaker Studio.'
    },
    target: 'studio-app',
    outcome: { saved: ['a.ipynb'], failed: [] },
    lost: true,
    ...overrides
  };
}

describe('stopNotice', () => {
  it('says what happened, that the documents were saved, and what to do', () => {
    expect(stopNotice(seen(), at)).toEqual({
      title: 'This Studio app has stopped',
      lines: [
        'Stopped by idle shutdown at 14:05 after 1 h 2 min with nothing running.',
        'Your documents were saved.',
        'Start the space again from SageMaker Studio.'
      ]
    });
  });

  it('names the documents that could not be saved', () => {
    const notice = stopNotice(
      seen({ outcome: { saved: [], failed: [{ path: 'ro.txt', error: 'read-only' }] } }),
      at
    );
    expect(notice.lines[1]).toBe(
      'These documents could not be saved: ro.txt (read-only).'
    );
  });

  it('gives the reason of a stop a person asked for, while it is under way', () => {
    const notice = stopNotice(
      seen({
        lost: false,
        target: 'server',
        stop: {
          ...seen().stop,
          cause: 'requested',
          reason: 'Switching the space to ml.m5.large: a person asked for it.'
        }
      }),
      at
    );
    expect(notice.title).toBe('This Jupyter server is stopping');
    expect(notice.lines[0]).toBe(
      'Stopped at 14:05. Switching the space to ml.m5.large: a person asked for it.'
    );
  });
});

describe('warningMessage', () => {
  const app = {
    idle_seconds: 0,
    shutdown_at: null,
    target: 'server' as const,
    stopping: false,
    stop_id: null,
    stop: null
  };
  it('counts down, then says the documents are being saved', () => {
    expect(warningMessage(app, 125)).toBe(
      'This Jupyter server stops in 3 min because nobody has worked in it. ' +
        'Your open documents have been saved.'
    );
    expect(warningMessage({ ...app, stopping: true }, 0)).toBe(
      'This Jupyter server is stopping because nobody has worked in it. ' +
        'Saving your open documents…'
    );
  });
});

describe('the warning in a shared space', () => {
  const app = {
    idle_seconds: 3300,
    shutdown_at: '2026-11-25T14:05:00Z',
    target: 'studio-app' as const,
    stopping: false,
    stop_id: null,
    stop: null
  };
  const person = (name: string, you = false) => ({
    name,
    display_name: name,
    tabs: 1,
    collaborating: false,
    you
  });

  it('names everyone else who has the space open, within what a notification shows', () => {
    expect(
      warningMessage(app, 120, [person('Harry Potter', true), person('Ron Weasley')])
    ).toBe(
      'This Studio app stops in 2 min: nobody has worked in it. Your documents are ' +
        'saved. Also here: Ron Weasley.'
    );
    const many = [
      person('Harry Potter', true),
      person('Hermione Granger'),
      person('Ron Weasley'),
      person('Neville Longbottom'),
      person('Luna Lovegood')
    ];
    const text = warningMessage(app, 3599, many);
    expect(text).toContain('Also here: Hermione Granger, Ron Weasley and 2 others.');
    expect(text.length).toBeLessThanOrEqual(140);
  });

  it('says nothing more when the person is alone', () => {
    expect(warningMessage(app, 120, [person('Harry Potter', true)])).toBe(
      warningMessage(app, 120)
    );
  });
});

import { describe, expect, it, vi } from 'vitest';

import type { Status } from '../generated/api-types';
import { DSWSApiError } from '../request';
import { StatusModel } from './model';

const OK: Status = {
  version: '0.1.0',
  region: 'eu-central-1',
  aws: {
    ok: true,
    account: '123456789012',
    arn: 'arn:aws:sts::123456789012:user/moto',
    endpoint: 'http://127.0.0.1:5000',
    error: null,
    fetched_at: '2026-12-06T09:00:00.000+00:00',
    notice: null
  },
  studio: null
};

describe('StatusModel', () => {
  it('loads at start and tells its views', async () => {
    let changes = 0;
    const model = new StatusModel({
      refreshSeconds: 60,
      load: async () => OK
    });
    model.changed.connect(() => changes++);
    await model.start();
    expect(model.status?.aws.account).toBe('123456789012');
    expect(model.error).toBeNull();
    expect(model.loading).toBe(false);
    expect(changes).toBeGreaterThanOrEqual(2); // loading, then loaded
    model.dispose();
  });

  it('keeps the last status and says why the server could not be asked', async () => {
    let fail = false;
    const model = new StatusModel({
      refreshSeconds: 60,
      load: async () => {
        if (fail) {
          throw new DSWSApiError(
            'server_unreachable',
            'The Jupyter server cannot be reached.',
            0
          );
        }
        return OK;
      }
    });
    await model.start();
    fail = true;
    await model.refresh().catch(() => undefined);
    expect(model.error).toBe('The Jupyter server cannot be reached.');
    expect(model.status?.region).toBe('eu-central-1');
    fail = false;
    await model.refresh();
    expect(model.error).toBeNull();
    model.dispose();
  });

  it('asks AWS again only when a person checks, not on its polls', async () => {
    const asked: boolean[] = [];
    const model = new StatusModel({
      refreshSeconds: 60,
      load: async fresh => {
        asked.push(fresh);
        return OK;
      }
    });
    await model.start();
    await model.refresh(true);
    await model.refresh();
    expect(asked).toEqual([false, true, false]);
    model.dispose();
  });

  it('checks again on its interval', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const model = new StatusModel({
      refreshSeconds: 60,
      load: async () => {
        calls++;
        return OK;
      }
    });
    try {
      const started = model.start();
      await vi.advanceTimersByTimeAsync(0);
      await started;
      expect(calls).toBe(1);
      await vi.advanceTimersByTimeAsync(59_000);
      expect(calls).toBe(1);
      await vi.advanceTimersByTimeAsync(2 * 60_000);
      expect(calls).toBe(3);
    } finally {
      model.dispose();
      vi.useRealTimers();
    }
  });

  it('shows the answer to the last check, not a slower one sent before it', async () => {
    vi.useFakeTimers();
    const answers: ((status: Status) => void)[] = [];
    const model = new StatusModel({
      refreshSeconds: 60,
      load: () => new Promise(resolve => answers.push(resolve))
    });
    try {
      const started = model.start();
      await vi.advanceTimersByTimeAsync(0);
      answers[0](OK);
      await started;
      // A minute later the poll checks again, and AWS is slow to answer it…
      await vi.advanceTimersByTimeAsync(60_000);
      expect(answers).toHaveLength(2);
      expect(model.loading).toBe(true);
      // …so the person checks again, in another region meanwhile, and is answered first.
      const checked = model.refresh(true);
      await vi.advanceTimersByTimeAsync(0);
      expect(answers).toHaveLength(3);
      answers[2]({ ...OK, region: 'eu-west-1' });
      await checked;
      expect(model.status?.region).toBe('eu-west-1');
      answers[1](OK);
      await vi.advanceTimersByTimeAsync(0);
      expect(model.status?.region).toBe('eu-west-1');
      expect(model.loading).toBe(false);
    } finally {
      model.dispose();
      vi.useRealTimers();
    }
  });
});

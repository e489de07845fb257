import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { IdleAppStop, IdleState } from '../generated/api-types';
import { ISaveOutcome } from './documents';
import { IdleModel } from './model';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const SAVED: ISaveOutcome = { saved: ['a.ipynb'], failed: [] };
const STOP: IdleAppStop = {
  cause: 'idle',
  at: '2026-11-25T12:00:00Z',
  idle_seconds: 3720,
  reason: 'Nothing worked and nobody was active for 62.0 min (timeout 60.0 min).',
  restart: 'Start the space again from SageMaker Studio.'
};

function answer(shutdownIn: number, stopId: string | null = null): IdleState {
  return {
    settings: {
      enabled: true,
      timeout_minutes: 10,
      app_shutdown: true,
      keep_terminals: false,
      cull_connected: false,
      dry_run: false,
      warning_minutes: 5,
      min_timeout_minutes: 1,
      max_timeout_minutes: 60,
      user_can_change: true
    },
    resources: [],
    people: [],
    collaboration: false,
    last_change: null,
    app: {
      idle_seconds: 0,
      shutdown_at: new Date(NOW + shutdownIn * 1000).toISOString(),
      target: 'studio-app',
      stopping: stopId !== null,
      stop_id: stopId,
      stop: stopId !== null ? STOP : null
    }
  };
}

/** The server as the model sees it: answers in order; an Error answer is a lost server. */
function fakeServer(answers: (IdleState | Error)[], activity = () => answer(600)) {
  const calls: string[] = [];
  return {
    calls,
    api: {
      fetchIdle: async (client: string) => {
        calls.push(`get ${client}`);
        const next = answers.shift()!;
        if (next instanceof Error) {
          throw next;
        }
        return next;
      },
      fetchIdleEvents: async () => [],
      keepWorking: async () => {
        calls.push('keep');
        return answer(600);
      },
      confirmSaved: async (client: string, stopId: string) => {
        calls.push(`saved ${client} ${stopId}`);
      },
      updateIdleSettings: async () => answer(600),
      reportActivity: async (client: string) => {
        calls.push(`activity ${client}`);
        return activity();
      }
    }
  };
}

/** A tab's model on `server`: tab-1, at NOW, whose documents save, unless `options` say. */
function tabOn(
  server: ReturnType<typeof fakeServer>,
  options: Partial<IdleModel.IOptions> = {}
): IdleModel {
  return new IdleModel({
    saveUnsaved: async () => SAVED,
    now: () => NOW,
    client: 'tab-1',
    ...options,
    api: server.api
  });
}

describe('IdleModel', () => {
  it('saves the unsaved documents when the warning comes, once', async () => {
    let saves = 0;
    const server = fakeServer([answer(20 * 60), answer(4 * 60), answer(3 * 60)]);
    const model = tabOn(server, { saveUnsaved: async () => (saves++, SAVED) });
    await model.start();
    expect(model.warning).toBe(false);
    expect(saves).toBe(0);
    await model.refresh();
    expect(model.warning).toBe(true);
    expect(saves).toBe(1);
    await model.refresh();
    expect(saves).toBe(1);
    model.dispose();
  });

  it('when the server stops: saves, says so, then confirms, once per stop', async () => {
    const order: string[] = [];
    const server = fakeServer([answer(0, 'stop-7'), answer(0, 'stop-7')]);
    const model = tabOn(server, { saveUnsaved: async () => (order.push('save'), SAVED) });
    server.api.confirmSaved = async (client: string, stopId: string) => {
      // The page must say what happened before the app may stop.
      order.push(`saved ${stopId}, notice ${model.stopped ? 'shown' : 'missing'}`);
    };
    await model.start();
    await model.refresh();
    // Once for the warning, once more for the stop; confirmed once, after the notice.
    expect(order).toEqual(['save', 'save', 'saved stop-7, notice shown']);
    expect(model.stopped?.stop).toEqual(STOP);
    expect(model.stopped?.outcome).toEqual(SAVED);
    expect(model.stopped?.lost).toBe(false);
    expect(model.warning).toBe(false); // the notice replaces the warning
    model.dispose();
  });

  it('marks the stop as done once the server is gone, and forgets a stop called off', async () => {
    const server = fakeServer([answer(0, 'stop-7'), new Error('refused')]);
    const model = tabOn(server);
    await model.start();
    await model.refresh();
    expect(model.stopped?.lost).toBe(true);

    const calledOff = fakeServer([answer(0, 'stop-8'), answer(600)]);
    const other = tabOn(calledOff, { client: 'tab-2' });
    await other.start();
    expect(other.stopped).not.toBeNull();
    await other.refresh();
    expect(other.stopped).toBeNull();
    model.dispose();
    other.dispose();
  });

  it('goes on when saving fails, and the warning ends on "keep"', async () => {
    const server = fakeServer([answer(60)]);
    const model = tabOn(server, {
      saveUnsaved: async () => {
        throw new Error('the disk is full');
      },
      client: 'tab-2'
    });
    await model.start();
    expect(model.warning).toBe(true);
    await model.keep();
    expect(server.calls).toContain('keep');
    expect(model.warning).toBe(false);
    model.dispose();
  });
});

describe('IdleModel in time (fake timers)', () => {
  let now = NOW;
  beforeEach(() => {
    now = NOW;
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  async function after(ms: number): Promise<void> {
    now += ms;
    await vi.advanceTimersByTimeAsync(ms);
  }

  /** Starts the model (its poll asks on the next turn of the timers). */
  async function started(model: IdleModel): Promise<void> {
    const first = model.start();
    await vi.advanceTimersByTimeAsync(0);
    await first;
  }

  describe('noteInput', () => {
    it('reports the first input at once, then one report per 30 s while the stop is far', async () => {
      const server = fakeServer([answer(3600)], () => answer(3600));
      const model = tabOn(server, { now: () => now });
      await started(model);
      const reports = () => server.calls.filter(c => c.startsWith('activity')).length;
      model.noteInput();
      await after(0);
      expect(reports()).toBe(1);
      for (let i = 0; i < 20; i++) {
        model.noteInput(); // a person typing
        await after(1000);
      }
      expect(reports()).toBe(1);
      await after(10_000);
      expect(reports()).toBe(2); // 30 s after the first
      await after(60_000);
      expect(reports()).toBe(2); // no input since: nothing to report
      model.dispose();
    });

    it('reports within 2 s once the warning shows, which ends it', async () => {
      const server = fakeServer([answer(3600), answer(4 * 60)], () => answer(600));
      const model = tabOn(server, { now: () => now });
      await started(model);
      model.noteInput();
      await after(0);
      await after(5000);
      const refreshed = model.refresh();
      await after(0);
      await refreshed; // the warning
      expect(model.warning).toBe(true);
      model.noteInput(); // typed in a notebook during the warning
      await after(2000);
      expect(server.calls.filter(c => c.startsWith('activity')).length).toBe(2);
      expect(model.warning).toBe(false);
      model.dispose();
    });
  });

  describe('polling', () => {
    it('asks again when the warning is due, then every 2 s while it shows', async () => {
      const answers = [answer(5 * 60 + 10), answer(4 * 60)];
      const server = fakeServer(answers);
      const model = tabOn(server, { now: () => now });
      const asked = () => server.calls.filter(c => c.startsWith('get')).length;
      void model.start();
      await after(0);
      expect(asked()).toBe(1);
      await after(9_000);
      expect(asked()).toBe(1); // the warning starts in 10 s: no need to ask before
      answers.push(...Array.from({ length: 10 }, () => answer(4 * 60)));
      await after(1_000);
      expect(asked()).toBe(2);
      expect(model.warning).toBe(true);
      await after(6_000);
      expect(asked()).toBe(5);
      model.dispose();
    });

    it('asks less and less often while the server cannot be reached', async () => {
      // Lumino's Poll backs off by a random step: the middle one, so that the count is
      // the same on every run.
      vi.spyOn(Math, 'random').mockReturnValue(0.5);
      const answers: (IdleState | Error)[] = Array.from(
        { length: 100 },
        () => new Error('unreachable')
      );
      const server = fakeServer(answers);
      const model = tabOn(server, { now: () => now });
      void model.start();
      await after(0);
      expect(model.error).not.toBeNull();
      await after(20 * 60_000);
      const asked = server.calls.filter(c => c.startsWith('get')).length;
      // Every 30 s, as before, would be 40 times; backing off up to 5 min asks far fewer.
      expect(asked).toBeGreaterThan(2);
      expect(asked).toBeLessThan(15);
      // Once the server answers, the countdown is back.
      answers.splice(0, answers.length, answer(3600), answer(3600));
      const refreshed = model.refresh();
      await after(0);
      await refreshed;
      expect(model.error).toBeNull();
      model.dispose();
    });
  });
});

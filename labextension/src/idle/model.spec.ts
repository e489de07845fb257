import { describe, expect, it, vi } from 'vitest';

import { IIdleState } from './api';
import { IdleModel } from './model';

const NOW = Date.parse('2026-11-25T12:00:00Z');

function answer(shutdownIn: number, stopId: string | null = null): IIdleState {
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
    app: {
      idle_seconds: 0,
      shutdown_at: new Date(NOW + shutdownIn * 1000).toISOString(),
      target: 'server',
      stopping: stopId !== null,
      stop_id: stopId
    }
  };
}

function fakeServer(answers: IIdleState[]) {
  const calls: string[] = [];
  return {
    calls,
    api: {
      fetchIdle: async (client: string) => {
        calls.push(`get ${client}`);
        return answers.shift()!;
      },
      fetchIdleEvents: async () => [],
      keepWorking: async () => {
        calls.push('keep');
        return answer(600);
      },
      confirmSaved: async (client: string, stopId: string) => {
        calls.push(`saved ${client} ${stopId}`);
      },
      updateIdleSettings: async () => answer(600)
    }
  };
}

describe('IdleModel', () => {
  it('saves every document when the warning comes, once', async () => {
    let saves = 0;
    const server = fakeServer([answer(20 * 60), answer(4 * 60), answer(3 * 60)]);
    const model = new IdleModel({
      saveAll: async () => saves++,
      api: server.api,
      now: () => NOW,
      client: 'tab-1'
    });
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

  it('saves again and confirms when the server stops, once per stop', async () => {
    const order: string[] = [];
    const server = fakeServer([answer(0, 'stop-7'), answer(0, 'stop-7')]);
    const model = new IdleModel({
      saveAll: async () => order.push('save'),
      api: server.api,
      now: () => NOW,
      client: 'tab-1'
    });
    await model.start();
    await model.refresh();
    const confirmations = server.calls.filter(c => c.startsWith('saved'));
    expect(confirmations).toEqual(['saved tab-1 stop-7']);
    // Once for the warning, once more just before the stop.
    expect(order).toEqual(['save', 'save']);
    model.dispose();
  });

  it('keeps the countdown going when saving fails, and the warning ends on "keep"', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const server = fakeServer([answer(60)]);
    const model = new IdleModel({
      saveAll: async () => {
        throw new Error('read-only file');
      },
      api: server.api,
      now: () => NOW,
      client: 'tab-2'
    });
    await model.start();
    expect(model.warning).toBe(true);
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
    await model.keep();
    expect(server.calls).toContain('keep');
    expect(model.state?.app.shutdown_at).toBe(answer(600).app.shutdown_at);
    model.dispose();
  });
});

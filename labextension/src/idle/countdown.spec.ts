import { describe, expect, it } from 'vitest';

import type { IdleState } from '../generated/api-types';
import {
  formatDuration,
  mayRest,
  pollSeconds,
  reportSpacingSeconds,
  statusText,
  warningDue
} from './countdown';

const NOW = Date.parse('2026-11-25T12:00:00Z');

function state(
  shutdownInSeconds: number | null,
  overrides: Partial<IdleState['settings']> = {},
  stopping = false
): IdleState {
  return {
    settings: {
      enabled: true,
      timeout_minutes: 60,
      app_shutdown: true,
      keep_terminals: false,
      cull_connected: false,
      dry_run: false,
      warning_minutes: 5,
      min_timeout_minutes: 10,
      max_timeout_minutes: 240,
      user_can_change: true,
      ...overrides
    },
    resources: [],
    people: [],
    collaboration: false,
    last_change: null,
    app: {
      idle_seconds: 600,
      shutdown_at:
        shutdownInSeconds === null
          ? null
          : new Date(NOW + shutdownInSeconds * 1000).toISOString(),
      target: 'server',
      stopping,
      stop_id: stopping ? 'stop-1' : null,
      stop: null
    }
  };
}

describe('formatDuration', () => {
  it('gives the precision a person needs', () => {
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(60 * 37)).toBe('37 min');
    expect(formatDuration(60 * 36 + 1)).toBe('37 min');
    expect(formatDuration(3600 * 2 + 300)).toBe('2 h 5 min');
    expect(formatDuration(-5)).toBe('0 s');
  });
});

describe('statusText', () => {
  it('says when the app stops', () => {
    expect(statusText(state(37 * 60), NOW)).toBe('Idle shutdown in 37 min');
  });
  it('says off when idle shutdown or the app stop is off', () => {
    expect(statusText(state(600, { enabled: false }), NOW)).toBe('Idle shutdown off');
    expect(statusText(state(600, { app_shutdown: false }), NOW)).toBe(
      'Idle shutdown off'
    );
  });
  it('says working when something keeps the app alive, and stopping while it stops', () => {
    expect(statusText(state(null), NOW)).toBe('Idle shutdown: working');
    expect(statusText(state(0, {}, true), NOW)).toBe('Idle shutdown: stopping');
  });
  it('marks a dry run', () => {
    expect(statusText(state(120, { dry_run: true }), NOW)).toBe(
      'Idle shutdown (dry run) in 2 min'
    );
  });
});

describe('warningDue', () => {
  it('is due inside the warning window and not before', () => {
    expect(warningDue(state(5 * 60 + 1), NOW)).toBe(false);
    expect(warningDue(state(5 * 60), NOW)).toBe(true);
    expect(warningDue(state(null), NOW)).toBe(false);
  });
  it('is due at once when the timeout is shorter than the warning', () => {
    expect(warningDue(state(30, { timeout_minutes: 0.5 }), NOW)).toBe(true);
  });
});

describe('pollSeconds', () => {
  it('asks rarely while the stop is far, often when it is near', () => {
    expect(pollSeconds(state(3600), NOW)).toBe(30);
    expect(pollSeconds(state(5 * 60 + 10), NOW)).toBe(10);
    expect(pollSeconds(state(4 * 60), NOW)).toBe(2);
    expect(pollSeconds(state(0, {}, true), NOW)).toBe(2);
    expect(pollSeconds(state(null), NOW)).toBe(30);
  });
});

describe('reportSpacingSeconds', () => {
  it('reports a person at most every 30 s while the stop is far or nothing stops', () => {
    expect(reportSpacingSeconds(state(3600), NOW)).toBe(30);
    expect(reportSpacingSeconds(state(null), NOW)).toBe(30);
    // 5 min warning + 30 s: an input held back 30 s still arrives before the warning.
    expect(reportSpacingSeconds(state(5 * 60 + 31), NOW)).toBe(30);
  });
  it('reports within 2 s once the stop is near or under way', () => {
    expect(reportSpacingSeconds(state(5 * 60 + 30), NOW)).toBe(2);
    expect(reportSpacingSeconds(state(20, { warning_minutes: 0 }), NOW)).toBe(2);
    expect(reportSpacingSeconds(state(0, {}, true), NOW)).toBe(2);
    expect(reportSpacingSeconds(null, NOW)).toBe(2);
  });
});

describe('mayRest', () => {
  it('lets a hidden tab rest only while the stop is beyond the next check', () => {
    expect(mayRest(state(3600), NOW)).toBe(true);
    // 5 min warning: within 30 s of it the tab must ask again, hidden or not.
    expect(mayRest(state(5 * 60 + 20), NOW)).toBe(false);
    expect(mayRest(state(60), NOW)).toBe(false);
    expect(mayRest(state(3600, {}, true), NOW)).toBe(false);
  });

  it('never rests without a time to go by: the countdown may start at any moment', () => {
    expect(mayRest(null, NOW)).toBe(false);
    expect(mayRest(state(null), NOW)).toBe(false);
  });
});

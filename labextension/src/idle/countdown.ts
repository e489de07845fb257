import type { IdleState } from '../generated/api-types';

/** Seconds from `now` until `iso` (negative once it has passed); null for no time. */
export function secondsUntil(iso: string | null, now: number): number | null {
  if (!iso) {
    return null;
  }
  const at = Date.parse(iso);
  return Number.isNaN(at) ? null : (at - now) / 1000;
}

/** "45 s", "37 min", "2 h 5 min": the precision a person needs to act. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) {
    return `${s} s`;
  }
  const minutes = Math.ceil(s / 60);
  if (minutes < 60) {
    return `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/** Whether the app stops within the warning window (at once when the timeout is shorter). */
export function warningDue(state: IdleState, now: number): boolean {
  if (state.app.stopping) {
    return true;
  }
  const left = secondsUntil(state.app.shutdown_at, now);
  return left !== null && left <= state.settings.warning_minutes * 60;
}

/** The status-bar text: "Idle shutdown in 37 min", "Idle shutdown off", … */
export function statusText(state: IdleState | null, now: number): string {
  if (!state) {
    return 'Idle shutdown …';
  }
  if (!state.settings.enabled || !state.settings.app_shutdown) {
    return 'Idle shutdown off';
  }
  if (state.app.stopping) {
    return 'Idle shutdown: stopping';
  }
  const left = secondsUntil(state.app.shutdown_at, now);
  if (left === null) {
    return 'Idle shutdown: working';
  }
  const prefix = state.settings.dry_run ? 'Idle shutdown (dry run)' : 'Idle shutdown';
  return `${prefix} in ${formatDuration(left)}`;
}

/**
 * How long to wait before asking the server again: rarely while the stop is far away,
 * often inside the warning window, very often while the server waits for saves.
 */
export function pollSeconds(state: IdleState | null, now: number): number {
  if (!state) {
    return 30;
  }
  if (state.app.stopping) {
    return 2;
  }
  const left = secondsUntil(state.app.shutdown_at, now);
  if (left === null) {
    return 30;
  }
  const warnAt = left - state.settings.warning_minutes * 60;
  if (warnAt <= 0 || left <= 60) {
    return 2;
  }
  // Wake up in time for the warning, and never sleep longer than 30 s.
  return Math.max(2, Math.min(30, warnAt));
}

/**
 * Whether a hidden tab may stop asking for now: only while the last answer puts the stop
 * beyond the next check's reach. Without a time to go by (something works, or no answer
 * yet) it keeps asking, since the countdown may start at any moment and this tab's
 * documents must be saved before the app stops.
 */
export function mayRest(state: IdleState | null, now: number): boolean {
  if (!state || state.app.stopping || secondsUntil(state.app.shutdown_at, now) === null) {
    return false;
  }
  return pollSeconds(state, now) >= 30;
}

/** The least time between two reports of a person's input while the stop is far away. */
export const REPORT_SECONDS = 30;
/** ... and once it is near: the server must hear of the person before it stops. */
export const URGENT_REPORT_SECONDS = 2;

/**
 * How long after the last report a person's input may wait to be reported: one report
 * covers every input in between. Long while the stop is far, so that typing costs a request
 * every 30 s at most; short once an input held back that long could arrive after the warning.
 */
export function reportSpacingSeconds(state: IdleState | null, now: number): number {
  if (!state || state.app.stopping) {
    return URGENT_REPORT_SECONDS;
  }
  const left = secondsUntil(state.app.shutdown_at, now);
  if (left === null) {
    return REPORT_SECONDS; // something works: nothing stops
  }
  const near = Math.max(state.settings.warning_minutes * 60, 60) + REPORT_SECONDS;
  return left <= near ? URGENT_REPORT_SECONDS : REPORT_SECONDS;
}

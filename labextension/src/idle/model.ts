import { UUID } from '@lumino/coreutils';
import { IDisposable } from '@lumino/disposable';
import { Poll } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';

import type {
  IdleAppState,
  IdleAppStop,
  IdleEvent,
  IdleState
} from '../generated/api-types';
import { messageOf } from '../ui/errors';
import * as api from './api';
import { mayRest, pollSeconds, reportSpacingSeconds, warningDue } from './countdown';
import { ISaveOutcome } from './documents';

export namespace IdleModel {
  export interface IOptions {
    /** Saves every open document with unsaved changes. */
    saveUnsaved: () => Promise<ISaveOutcome>;
    /** The server calls; the real routes by default (tests pass their own). */
    api?: Pick<
      typeof api,
      | 'fetchIdle'
      | 'fetchIdleEvents'
      | 'keepWorking'
      | 'confirmSaved'
      | 'updateIdleSettings'
      | 'reportActivity'
    >;
    now?: () => number;
    /** This browser tab's id, so the server knows who to wait for before it stops. */
    client?: string;
  }

  /** A stop this tab saw begin: why, and what became of this tab's documents. */
  export interface IStopSeen {
    stopId: string;
    stop: IdleAppStop;
    target: IdleAppState['target'];
    /** What saving this tab's documents did; null until done. */
    outcome: ISaveOutcome | null;
    /** The server no longer answers: the app has stopped. */
    lost: boolean;
  }
}

/**
 * The idle-shutdown state of the server, asked for as often as the countdown needs.
 *
 * It also does the browser's part: it tells the server when a person does something in
 * this tab (throttled), saves the open documents when the warning comes and again when the
 * server says it is stopping (then confirms), and keeps what a person must be told once the
 * app is gone.
 */
export class IdleModel implements IDisposable {
  constructor(options: IdleModel.IOptions) {
    this._saveUnsaved = options.saveUnsaved;
    this._api = options.api ?? api;
    this._now = options.now ?? Date.now;
    this.client = options.client ?? UUID.uuid4();
    this._poll = new Poll({
      auto: false,
      factory: () => this._tick(),
      frequency: { interval: 30_000, backoff: true, max: 5 * 60 * 1000 },
      name: 'jupyter_dsws:idle',
      // A hidden tab rests only while the stop is far by the last answer: as that time
      // comes near it asks again, so that its documents are saved before the app stops.
      standby: () => (mayRest(this._state, this._now()) ? 'when-hidden' : 'never')
    });
  }

  readonly client: string;

  get state(): IdleState | null {
    return this._state;
  }

  get events(): IdleEvent[] {
    return this._events;
  }

  /** Why the last check failed, for a person; null when it worked. */
  get error(): string | null {
    return this._error;
  }

  /** Whether the warning is showing now (the app stops within the warning window). */
  get warning(): boolean {
    return this._warned && this._stop === null;
  }

  /**
   * The stop under way, once this tab has saved its documents for it or lost the server;
   * null otherwise (no stop, or still saving).
   */
  get stopped(): IdleModel.IStopSeen | null {
    const stop = this._stop;
    return stop && (stop.outcome !== null || stop.lost) ? stop : null;
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  /** Start checking; the first check runs at once. */
  start(): Promise<void> {
    void this._poll.start();
    return this.refresh();
  }

  /** Check now; the next check comes when the answer says (sooner as the stop nears). */
  async refresh(): Promise<void> {
    await this._poll.refresh();
    await this._poll.tick.catch(() => undefined);
  }

  /**
   * A person did something in this tab. The server hears of it at once after a quiet
   * spell, then at most every 30 s while the stop is far and every 2 s once it is near.
   */
  noteInput(): void {
    if (this._disposed) {
      return;
    }
    this._inputPending = true;
    if (this._reporting || this._reportTimer !== undefined) {
      return; // the report under way or already planned covers this input
    }
    const spacing = reportSpacingSeconds(this._state, this._now()) * 1000;
    const wait = Math.max(0, this._reportedAt + spacing - this._now());
    if (wait === 0) {
      void this._report();
    } else {
      this._reportTimer = setTimeout(() => {
        this._reportTimer = undefined;
        void this._report();
      }, wait);
    }
  }

  /** "Keep working": counts as activity and cancels a pending stop. */
  async keep(): Promise<void> {
    const state = await this._api.keepWorking(this.client);
    this._apply(state);
    await this._actOn(state);
    await this._loadEvents();
  }

  /** Change the person's own settings; a refusal is thrown with the server's message. */
  async update(settings: api.PersonSettings): Promise<void> {
    this._apply(await this._api.updateIdleSettings(settings));
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._poll.dispose();
    clearTimeout(this._reportTimer);
    Signal.clearData(this);
  }

  private async _report(): Promise<void> {
    this._reporting = true;
    this._inputPending = false;
    this._reportedAt = this._now();
    try {
      const state = await this._api.reportActivity(this.client);
      this._error = null;
      this._apply(state);
      await this._actOn(state);
    } catch {
      // The next poll says what is wrong; the next input tries again.
    } finally {
      this._reporting = false;
    }
    if (this._inputPending && !this._disposed) {
      this.noteInput(); // inputs that came while the report was on its way
    }
  }

  /** One check by the poll; a failure is thrown on so that the poll backs off. */
  private async _tick(): Promise<void> {
    await this._check();
    if (this._error !== null) {
      throw new Error(this._error);
    }
    this._poll.frequency = {
      ...this._poll.frequency,
      interval: pollSeconds(this._state, this._now()) * 1000
    };
  }

  private async _check(): Promise<void> {
    try {
      const state = await this._api.fetchIdle(this.client);
      this._error = null;
      this._apply(state);
      await this._loadEvents();
      await this._actOn(state);
    } catch (error) {
      if (this._stop) {
        // The stop was under way and the server is gone: it stopped.
        this._stop.lost = true;
      }
      this._error = messageOf(error, 'The idle-shutdown state could not be read.');
      this._emit();
    }
  }

  private async _actOn(state: IdleState): Promise<void> {
    if (this._warningBegan) {
      this._warningBegan = false;
      await this._saveUnsaved().catch(() => undefined);
    }
    const { stopping, stop_id: stopId, stop, target } = state.app;
    if (!stopping || !stopId || !stop) {
      if (this._stop) {
        this._stop = null; // called off (a person was active), or it failed
        this._emit();
      }
      return;
    }
    if (this._stop?.stopId === stopId) {
      return;
    }
    const seen: IdleModel.IStopSeen = {
      stopId,
      stop,
      target,
      outcome: null,
      lost: false
    };
    this._stop = seen;
    this._emit();
    seen.outcome = await this._saveUnsaved().catch((error: unknown): ISaveOutcome => ({
      saved: [],
      failed: [
        { path: 'open documents', error: messageOf(error, 'they could not be saved') }
      ]
    }));
    // Say what happened before confirming: the app may stop the moment we do.
    this._emit();
    try {
      await this._api.confirmSaved(this.client, stopId);
    } catch {
      // 409: the stop was called off meanwhile; the next poll says so.
    }
  }

  private async _loadEvents(): Promise<void> {
    try {
      this._events = await this._api.fetchIdleEvents(20);
      this._emit();
    } catch {
      // The events are a record to read; the countdown matters more than they do.
    }
  }

  private _apply(state: IdleState): void {
    // The warning changes with the state, in one step: a view never sees the new state with
    // the old warning (which would update a warning about to go).
    const due = warningDue(state, this._now());
    this._warningBegan = this._warningBegan || (due && !this._warned);
    this._warned = due;
    this._state = state;
    if (this._reportTimer !== undefined) {
      // A planned report may have to go sooner now that the stop is nearer.
      clearTimeout(this._reportTimer);
      this._reportTimer = undefined;
      this.noteInput();
    }
    this._emit();
  }

  private _emit(): void {
    if (!this._disposed) {
      this._changed.emit();
    }
  }

  private _saveUnsaved: () => Promise<ISaveOutcome>;
  private _api: NonNullable<IdleModel.IOptions['api']>;
  private _now: () => number;
  private _state: IdleState | null = null;
  private _events: IdleEvent[] = [];
  private _error: string | null = null;
  private _warned = false;
  private _warningBegan = false; // the documents are to be saved for a new warning
  private _stop: IdleModel.IStopSeen | null = null;
  private _reportedAt = -Infinity;
  private _reporting = false;
  private _inputPending = false;
  private _reportTimer: ReturnType<typeof setTimeout> | undefined = undefined;
  private _poll: Poll;
  private _disposed = false;
  private _changed = new Signal<this, void>(this);
}

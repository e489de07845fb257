import { UUID } from '@lumino/coreutils';
import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

import { DSWSApiError } from '../request';
import * as api from './api';
import { pollSeconds, warningDue } from './countdown';

export namespace IdleModel {
  export interface IOptions {
    /** Saves every open document with unsaved changes (JupyterLab's "Save All"). */
    saveAll: () => Promise<unknown>;
    /** The server calls; the real routes by default (tests pass their own). */
    api?: Pick<
      typeof api,
      'fetchIdle' | 'fetchIdleEvents' | 'keepWorking' | 'confirmSaved' | 'updateIdleSettings'
    >;
    now?: () => number;
    /** This browser tab's id, so the server knows who to wait for before it stops. */
    client?: string;
  }
}

/**
 * The idle-shutdown state of the server, asked for as often as the countdown needs.
 *
 * It also does the browser's part of a stop: when the warning comes it saves every open
 * document, and when the server says it is stopping it saves them again and confirms.
 */
export class IdleModel implements IDisposable {
  constructor(options: IdleModel.IOptions) {
    this._saveAll = options.saveAll;
    this._api = options.api ?? api;
    this._now = options.now ?? Date.now;
    this.client = options.client ?? UUID.uuid4();
  }

  readonly client: string;

  get state(): api.IIdleState | null {
    return this._state;
  }

  get events(): api.IIdleEvent[] {
    return this._events;
  }

  /** Why the last check failed, for a person; null when it worked. */
  get error(): string | null {
    return this._error;
  }

  /** Whether the warning is showing now (the app stops within the warning window). */
  get warning(): boolean {
    return this._warned;
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  /** Start checking; the first check runs at once. */
  start(): Promise<void> {
    return this.refresh();
  }

  /** Check now, then schedule the next check from what the answer says. */
  async refresh(): Promise<void> {
    clearTimeout(this._timer);
    try {
      await this._check();
    } finally {
      if (!this._disposed) {
        const seconds = this._error ? 30 : pollSeconds(this._state, this._now());
        this._timer = setTimeout(() => void this.refresh(), seconds * 1000);
      }
    }
  }

  /** "Keep working": counts as activity and cancels a pending stop. */
  async keep(): Promise<void> {
    this._apply(await this._api.keepWorking(this.client));
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
    clearTimeout(this._timer);
    Signal.clearData(this);
  }

  private async _check(): Promise<void> {
    try {
      const state = await this._api.fetchIdle(this.client);
      this._error = null;
      this._apply(state);
      await this._loadEvents();
      await this._actOn(state);
    } catch (error) {
      this._error =
        error instanceof DSWSApiError
          ? error.message
          : 'The idle-shutdown state could not be read.';
      this._emit();
    }
  }

  private async _actOn(state: api.IIdleState): Promise<void> {
    const due = warningDue(state, this._now());
    if (due && !this._warned) {
      this._warned = true;
      this._emit();
      await this._save();
    } else if (!due && this._warned) {
      this._warned = false;
      this._emit();
    }
    const stopId = state.app.stopping ? state.app.stop_id : null;
    if (stopId && stopId !== this._confirmed) {
      this._confirmed = stopId;
      await this._save();
      await this._api.confirmSaved(this.client, stopId);
    }
  }

  private async _save(): Promise<void> {
    try {
      await this._saveAll();
    } catch (error) {
      console.error('jupyter_dsws: saving before idle shutdown failed', error);
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

  private _apply(state: api.IIdleState): void {
    this._state = state;
    this._emit();
  }

  private _emit(): void {
    if (!this._disposed) {
      this._changed.emit();
    }
  }

  private _saveAll: () => Promise<unknown>;
  private _api: NonNullable<IdleModel.IOptions['api']>;
  private _now: () => number;
  private _state: api.IIdleState | null = null;
  private _events: api.IIdleEvent[] = [];
  private _error: string | null = null;
  private _warned = false;
  private _confirmed: string | null = null;
  private _timer: ReturnType<typeof setTimeout> | undefined = undefined;
  private _disposed = false;
  private _changed = new Signal<this, void>(this);
}

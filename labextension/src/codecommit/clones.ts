import { IDisposable } from '@lumino/disposable';
import { Poll } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';

import type { CloneRequest, CloneStarted, CloneStatus } from '../generated/api-types';
import { DSWSApiError } from '../request';
import { messageOf } from '../ui/errors';

/** The server calls that start and follow a clone. */
export interface ICloneApi {
  start(request: CloneRequest): Promise<CloneStarted>;
  status(id: string): Promise<CloneStatus>;
  cancel(id: string): Promise<CloneStatus>;
}

/** A clone this page started, and what the server last said about it. */
export interface IClone {
  id: string;
  /** What the person asked for: a repository name or a URL. */
  source: string;
  status: CloneStatus;
}

/**
 * The clones this page started, each followed until it ends: every `pollMs`, less often
 * while the server cannot be reached, and not at all while the page is hidden.
 */
export class ClonesModel implements IDisposable {
  constructor(api: ICloneApi, pollMs: number) {
    this._api = api;
    this._pollMs = pollMs;
  }

  get list(): IClone[] {
    return [...this._clones.values()];
  }

  /** The running clone into `path`, if any. */
  at(path: string): IClone | undefined {
    return this.list.find(
      clone => clone.status.path === path && clone.status.state === 'running'
    );
  }

  /** Any clone's state changed. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** A clone ended: done, failed or cancelled. */
  get finished(): ISignal<this, IClone> {
    return this._finished;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  /**
   * Start a clone and follow it. Rejects with the server's error (a
   * `FolderExistsError` for a folder that exists) so the form can show it.
   */
  async start(request: CloneRequest): Promise<IClone> {
    const { id } = await this._api.start(request);
    const clone: IClone = {
      id,
      source: request.repo ?? request.url ?? '',
      status: {
        id,
        state: 'running',
        progress: 0,
        phase: 'Starting',
        message: '',
        path: request.path ?? '',
        error: null,
        by: null
      }
    };
    this._clones.set(id, clone);
    this._emit();
    this._follow(clone);
    return clone;
  }

  async cancel(id: string): Promise<void> {
    const clone = this._clones.get(id);
    if (!clone || clone.status.state !== 'running') {
      return;
    }
    try {
      this._update(clone, await this._api.cancel(id));
    } catch (error) {
      clone.status = {
        ...clone.status,
        message: messageOf(error, 'Cancel failed.')
      };
      this._emit();
    }
  }

  /** Forget a clone that ended, so its line leaves the panel. */
  dismiss(id: string): void {
    const clone = this._clones.get(id);
    if (clone && clone.status.state !== 'running') {
      this._clones.delete(id);
      this._emit();
    }
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    for (const poll of [...this._follows]) {
      poll.dispose();
    }
    Signal.clearData(this);
  }

  private _follow(clone: IClone): void {
    const poll = new Poll({
      auto: false,
      factory: async () => {
        if (this._disposed || clone.status.state !== 'running') {
          poll.dispose();
          return;
        }
        try {
          this._update(clone, await this._api.status(clone.id));
        } catch (error) {
          if (error instanceof DSWSApiError && error.status === 404) {
            this._update(clone, {
              ...clone.status,
              state: 'failed',
              message: error.message,
              error: error.code
            });
          } else {
            throw error; // unreachable for a moment: the poll asks less often
          }
        }
        if (clone.status.state !== 'running') {
          poll.dispose();
        }
      },
      name: `jupyter_dsws:clone-${clone.id}`,
      standby: 'when-hidden'
    });
    // Set apart from the options, which would raise `max` to at least 30 s.
    poll.frequency = { interval: this._pollMs, backoff: 2, max: this._pollMs * 8 };
    this._follows.add(poll);
    poll.disposed.connect(() => this._follows.delete(poll));
    // The first answer after one interval, as the server has just started the clone.
    void poll.schedule({ interval: this._pollMs, phase: 'started' });
  }

  private _update(clone: IClone, status: CloneStatus): void {
    const wasRunning = clone.status.state === 'running';
    clone.status = status;
    this._emit();
    if (wasRunning && status.state !== 'running') {
      this._finished.emit(clone);
    }
  }

  private _emit(): void {
    if (!this._disposed) {
      this._changed.emit();
    }
  }

  private _api: ICloneApi;
  private _pollMs: number;
  private _clones = new Map<string, IClone>();
  private _follows = new Set<Poll>();
  private _disposed = false;
  private _changed = new Signal<this, void>(this);
  private _finished = new Signal<this, IClone>(this);
}

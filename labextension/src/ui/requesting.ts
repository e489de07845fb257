import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

import { messageOf } from './errors';

/**
 * Requests that may overlap (a new region, a new page, a new filter, a poll's tick and a
 * person's "Check again"), of which only the answer to the last one sent is taken; it
 * tells whether one is under way. A RequestingModel has one; a model that reads two things
 * independently (a comparison's table and its chart) keeps one more for the second.
 */
export class LastRequest {
  /** `changed`: a request was sent or answered. */
  constructor(private readonly _changed: () => void) {}

  get loading(): boolean {
    return this._loading;
  }

  /** Forget the request under way: its answer, when it comes, is not taken. */
  drop(): void {
    this._ticket++;
    this._loading = false;
  }

  /**
   * Send `call`; `answered` or `failed` runs unless a later request was sent meanwhile.
   * A `failed` that throws makes the request reject (a poll's factory backs off so).
   */
  async send<T>(
    call: () => Promise<T>,
    answered: (value: T) => void,
    failed: (error: unknown) => void
  ): Promise<void> {
    const ticket = ++this._ticket;
    this._loading = true;
    this._changed();
    try {
      const value = await call();
      if (ticket === this._ticket) {
        answered(value);
      }
    } catch (error) {
      if (ticket === this._ticket) {
        failed(error);
      }
    } finally {
      if (ticket === this._ticket) {
        this._loading = false;
        this._changed();
      }
    }
  }

  private _loading = false;
  private _ticket = 0;
}

/**
 * A model whose requests may overlap: only the answer to the last one sent is taken (see
 * LastRequest). Most panels' models build on it.
 */
export abstract class RequestingModel implements IDisposable {
  get loading(): boolean {
    return this._requests.loading;
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    Signal.clearData(this);
  }

  /** Forget the request under way: its answer, when it comes, is not taken. */
  protected drop(): void {
    this._requests.drop();
  }

  protected emit(): void {
    if (!this._disposed) {
      this._changed.emit();
    }
  }

  /** See LastRequest.send. */
  protected request<T>(
    call: () => Promise<T>,
    answered: (value: T) => void,
    failed: (error: unknown) => void
  ): Promise<void> {
    return this._requests.send(call, answered, failed);
  }

  private _disposed = false;
  private _changed = new Signal<this, void>(this);
  private _requests = new LastRequest(() => this.emit());
}

/**
 * A RequestingModel whose reads share one error to show: what the last read could not do,
 * in words a person can act on, cleared by the next answer.
 */
export abstract class ReadingModel extends RequestingModel {
  get error(): string | null {
    return this._error;
  }

  /**
   * Send a read (see `request`): its answer goes to `answered` and clears `error`; its
   * failure becomes `error`, in `fallback`'s words unless the server had some, then goes
   * to `failed` (which may throw: a poll's factory backs off so).
   */
  protected read<T>(
    call: () => Promise<T>,
    answered: (value: T) => void,
    fallback: string,
    failed: (error: unknown) => void = () => undefined
  ): Promise<void> {
    return this.request(
      call,
      value => {
        answered(value);
        this._error = null;
      },
      error => {
        this._error = messageOf(error, fallback);
        failed(error);
      }
    );
  }

  private _error: string | null = null;
}

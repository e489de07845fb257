import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

/**
 * A model whose requests may overlap (a new region, a new page, a new filter, a poll's
 * tick and a person's "Check again"): it tells whether one is under way, and only the
 * answer to the last one sent is taken. Most panels' models build on it.
 */
export abstract class RequestingModel implements IDisposable {
  get loading(): boolean {
    return this._loading;
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

  /** The last request's number; `isLatest(ticket)` tells whether it is still the last. */
  protected get ticket(): number {
    return this._ticket;
  }

  protected isLatest(ticket: number): boolean {
    return ticket === this._ticket && !this._disposed;
  }

  /** Forget the request under way: its answer, when it comes, is not taken. */
  protected drop(): void {
    this._ticket++;
    this._loading = false;
  }

  protected emit(): void {
    if (!this._disposed) {
      this._changed.emit();
    }
  }

  /**
   * Send `call`; `answered` or `failed` runs unless a later request was sent meanwhile.
   * A `failed` that throws makes the request reject (a poll's factory backs off so).
   */
  protected async request<T>(
    call: () => Promise<T>,
    answered: (value: T) => void,
    failed: (error: unknown) => void
  ): Promise<void> {
    const ticket = ++this._ticket;
    this._loading = true;
    this.emit();
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
        this.emit();
      }
    }
  }

  private _loading = false;
  private _ticket = 0;
  private _disposed = false;
  private _changed = new Signal<this, void>(this);
}

import { DisposableDelegate, IDisposable } from '@lumino/disposable';
import { Poll } from '@lumino/polling';
import { ISignal } from '@lumino/signaling';

import { ticker } from './ticker';

/** A model that says when it changed (every RequestingModel, the IdleModel). */
export interface IChangingModel {
  readonly changed: ISignal<any, void>;
}

/**
 * Something outside a panel's views that follows its model (a notification, a notice over
 * the page, a poll): `follow` runs at each change of the model until it is disposed.
 */
export abstract class ModelFollower<M extends IChangingModel> implements IDisposable {
  constructor(protected readonly model: M) {
    model.changed.connect(this.follow, this);
    this._following = new DisposableDelegate(() => {
      model.changed.disconnect(this.follow, this);
      this.stop();
    });
  }

  get isDisposed(): boolean {
    return this._following.isDisposed;
  }

  dispose(): void {
    this._following.dispose();
  }

  /** The model changed. */
  protected abstract follow(): void;

  /** Takes away what it shows or runs, once disposed (nothing by default). */
  protected stop(): void {
    // Nothing to take away.
  }

  private _following: IDisposable;
}

export namespace TickWhile {
  export interface IOptions<M> {
    /** The poll's name (`jupyter_dsws:<name>`). */
    name: string;
    ms: number;
    /** Asked at each change of the model: whether to tick. */
    waiting: (model: M) => boolean;
    tick: (model: M) => void;
  }
}

/**
 * Calls `tick` every `ms` (as `ticker` does) while `waiting` says so, and stops once it no
 * longer does: a panel asking again while something it shows is starting.
 */
export class TickWhile<M extends IChangingModel> extends ModelFollower<M> {
  constructor(
    model: M,
    private readonly _options: TickWhile.IOptions<M>
  ) {
    super(model);
  }

  protected follow(): void {
    const { name, ms, waiting, tick } = this._options;
    const wait = waiting(this.model);
    if (wait && !this._poll) {
      this._poll = ticker(name, ms, () => tick(this.model));
    } else if (!wait) {
      this.stop();
    }
  }

  protected stop(): void {
    this._poll?.dispose();
    this._poll = null;
  }

  private _poll: Poll | null = null;
}

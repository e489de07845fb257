import { Notification } from '@jupyterlab/apputils';
import { IDisposable } from '@lumino/disposable';

import { formatDuration, secondsUntil } from './countdown';
import { IdleModel } from './model';

/** The warning's words, for the seconds left; pure so that it can be tested. */
export function warningMessage(
  target: 'studio-app' | 'server',
  secondsLeft: number | null,
  stopping: boolean
): string {
  const what = target === 'studio-app' ? 'This Studio app' : 'This Jupyter server';
  if (stopping || secondsLeft === null || secondsLeft <= 0) {
    return `${what} is stopping because nobody has worked in it. Your open documents are being saved.`;
  }
  return (
    `${what} stops in ${formatDuration(secondsLeft)} because nobody has worked in it. ` +
    'Your open documents have been saved.'
  );
}

/**
 * Shows a notification with a countdown while the app is about to stop for being idle,
 * with a "Keep working" button; removes it when the stop is called off.
 */
export class IdleWarning implements IDisposable {
  constructor(private _model: IdleModel) {
    _model.changed.connect(this._sync, this);
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._model.changed.disconnect(this._sync, this);
    this._hide();
  }

  private _sync(): void {
    if (this._model.warning) {
      this._show();
    } else {
      this._hide();
    }
  }

  private _message(): string {
    const state = this._model.state;
    if (!state) {
      return '';
    }
    return warningMessage(
      state.app.target,
      secondsUntil(state.app.shutdown_at, Date.now()),
      state.app.stopping
    );
  }

  private _show(): void {
    const options = {
      autoClose: false as const,
      actions: [
        {
          label: 'Keep working',
          caption: 'Counts as activity: the countdown starts again.',
          callback: () => void this._model.keep().catch(() => undefined)
        }
      ]
    };
    if (this._id === null) {
      this._id = Notification.warning(this._message(), options);
      this._ticker = setInterval(() => this._show(), 1000);
    } else {
      Notification.update({ id: this._id, message: this._message(), type: 'warning', ...options });
    }
  }

  private _hide(): void {
    if (this._ticker !== undefined) {
      clearInterval(this._ticker);
      this._ticker = undefined;
    }
    if (this._id !== null) {
      Notification.dismiss(this._id);
      this._id = null;
    }
  }

  private _id: string | null = null;
  private _ticker: ReturnType<typeof setInterval> | undefined = undefined;
  private _disposed = false;
}

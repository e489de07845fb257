import { Notification } from '@jupyterlab/apputils';
import { Poll } from '@lumino/polling';

import { ModelFollower } from '../ui/follower';
import { ticker } from '../ui/ticker';

import { secondsUntil } from './countdown';
import { IdleModel } from './model';
import { warningMessage } from './notice';

const DISMISS_AFTER_MS = 100;

/**
 * Shows one notification with a countdown while the app is about to stop, with a "Keep
 * working" button; removes it when the stop is called off or the page says it stopped.
 *
 * There is never more than one: a notification is made when the warning starts and only
 * its words change after that (and only when they do); it is dismissed before another is
 * made. A person who closed it is not shown it again until the next warning.
 */
export class IdleWarning extends ModelFollower<IdleModel> {
  protected follow(): void {
    if (this.model.warning) {
      this._show();
    } else {
      this.stop();
    }
  }

  private _message(): string {
    const state = this.model.state;
    if (!state) {
      return '';
    }
    return warningMessage(
      state.app,
      secondsUntil(state.app.shutdown_at, Date.now()),
      state.people
    );
  }

  private _show(): void {
    const message = this._message();
    if (this._id === null) {
      this._id = Notification.warning(message, {
        autoClose: false,
        actions: [
          {
            label: 'Keep working',
            caption:
              'Counts as activity: the countdown starts again, for everyone in the space.',
            callback: () => void this.model.keep().catch(() => undefined)
          }
        ]
      });
      this._shown = message;
      this._ticker = ticker('idle-warning', 1000, () => this._show());
      return;
    }
    if (message === this._shown) {
      return;
    }
    this._shown = message;
    // False once the person closed it: an update never makes it again.
    Notification.update({ id: this._id, message, type: 'warning', autoClose: false });
  }

  /** Takes the notification away. */
  protected stop(): void {
    this._ticker?.dispose();
    this._ticker = undefined;
    if (this._id !== null) {
      // JupyterLab hands an update to its toasts a moment later (react-toastify defers it
      // with a zero timeout); dismissed before that, the toast would be made again by the
      // update, for good, with nothing left to remove it: one more stale toast at every
      // warning. So the dismissal comes after any update still on its way.
      const id = this._id;
      setTimeout(() => Notification.dismiss(id), DISMISS_AFTER_MS);
      this._id = null;
      this._shown = null;
    }
  }

  private _id: string | null = null;
  private _shown: string | null = null;
  private _ticker: Poll | undefined = undefined;
}

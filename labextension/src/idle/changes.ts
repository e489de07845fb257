import { Notification } from '@jupyterlab/apputils';
import { ModelFollower } from '../ui/follower';

import { changeToAnnounce } from './announce';
import { IdleModel } from './model';

/**
 * In a shared space the idle settings are everyone's: when someone else changes them,
 * this tab says so once ("Ron Weasley set the timeout to 90 min (was 60 min).").
 */
export class SettingsChanges extends ModelFollower<IdleModel> {
  protected follow(): void {
    const state = this.model.state;
    if (!state) {
      return;
    }
    const note = state.last_change;
    const you = state.people.find(p => p.you)?.name ?? null;
    const announce = changeToAnnounce(this._seen, note, you);
    this._seen = note?.at ?? null;
    if (announce) {
      Notification.info(announce.text, { autoClose: 10_000 });
    }
  }

  private _seen: string | null | undefined = undefined;
}

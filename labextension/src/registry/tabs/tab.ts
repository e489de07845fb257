/**
 * What the registry's main-area tabs share (a group's sheet, a version's detail, a
 * comparison): loading, an error, a change signal, and the registry's approval changes,
 * so that a decision taken in one tab shows in all (the team overview, a paged list,
 * hears them itself).
 */
import type { RegistryVersionDetail } from '../../generated/api-types';
import { ReadingModel } from '../../ui/requesting';
import { RegistryModel } from '../model';

/** Loading, an error and approval changes, for the tabs that are not a paged list. */
export abstract class TabModel extends ReadingModel {
  constructor(readonly registry: RegistryModel) {
    super();
    registry.versionChanged.connect(this._onVersionChanged, this);
  }

  abstract load(): Promise<void>;

  protected abstract onVersionChanged(detail: RegistryVersionDetail): void;

  private _onVersionChanged(_: RegistryModel, detail: RegistryVersionDetail): void {
    if (!this.isDisposed) {
      this.onVersionChanged(detail);
    }
  }
}

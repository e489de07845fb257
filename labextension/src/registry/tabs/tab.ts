/**
 * What the registry's main-area tabs share (a group's sheet, a version's detail, a
 * comparison): loading, an error, a change signal, and the registry's approval changes,
 * so that a decision taken in one tab shows in all (the team overview, a paged list,
 * hears them itself).
 */
import { messageOf } from '../../ui/errors';
import { RequestingModel } from '../../ui/requesting';
import { IVersionDetail } from '../api';
import { RegistryModel } from '../model';

/** Loading, an error and approval changes, for the tabs that are not a paged list. */
export abstract class TabModel extends RequestingModel {
  constructor(readonly registry: RegistryModel) {
    super();
    registry.versionChanged.connect(this._onVersionChanged, this);
  }

  get error(): string | null {
    return this._error;
  }

  abstract load(): Promise<void>;

  protected abstract onVersionChanged(detail: IVersionDetail): void;

  /**
   * Send a read; its answer goes to `answered` if no later read was sent meanwhile, its
   * failure becomes `error` in `fallback`'s words unless the server had some.
   */
  protected read<T>(
    call: () => Promise<T>,
    answered: (value: T) => void,
    fallback: string
  ): Promise<void> {
    return this.request(
      call,
      value => {
        answered(value);
        this._error = null;
      },
      error => {
        this._error = messageOf(error, fallback);
      }
    );
  }

  private _onVersionChanged(_: RegistryModel, detail: IVersionDetail): void {
    if (!this.isDisposed) {
      this.onVersionChanged(detail);
    }
  }

  private _error: string | null = null;
}

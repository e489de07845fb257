import { Debouncer } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';

import type { CloneRequest, Repository, RepositoryList } from '../generated/api-types';
import { ReadingModel } from '../ui/requesting';
import {
  cancelClone,
  fetchClone,
  fetchClonedAt,
  fetchRepositories,
  startClone
} from './api';
import { ClonesModel, ICloneApi, IClone } from './clones';
import { filterRepositories } from './sources';

export { defaultFolder, describeClone, filterRepositories, requestFor } from './sources';
export type { IClone } from './clones';

/** The server calls the model makes; tests pass their own. */
export interface ICodeCommitApi extends ICloneApi {
  /** `refresh`: a person's Refresh, past the list the server shares between tabs. */
  list(refresh?: boolean): Promise<RepositoryList>;
  /** The folder a remote is cloned in under the root, or null. */
  clonedAt(source: string): Promise<string | null>;
}

const SERVER_API: ICodeCommitApi = {
  list: refresh => fetchRepositories(undefined, { refresh }),
  clonedAt: async source => (await fetchClonedAt(source)).path,
  start: request => startClone(request),
  status: id => fetchClone(id),
  cancel: id => cancelClone(id)
};

export namespace RepositoriesModel {
  export interface IOptions {
    api?: Partial<ICodeCommitApi>;
    /** How often a running clone is asked for its progress, in milliseconds. */
    pollMs?: number;
    /** How long typing must pause before the typed remote is looked up, in milliseconds. */
    lookupMs?: number;
  }
}

/** A listing and where its suggested URLs are cloned already, taken together. */
interface IListing {
  list: RepositoryList;
  suggestedAt: Map<string, string | null>;
}

/**
 * The Repositories panel's state: the listing, the filter, and the clones this page
 * started, each followed until it ends. Only the answer to the last read is shown: a
 * slower earlier one (a Refresh, then a clone that ended) does not replace it. `error`
 * says why the server could not be asked at all (AWS's refusal is `listError`).
 */
export class RepositoriesModel extends ReadingModel {
  constructor(options: RepositoriesModel.IOptions = {}) {
    super();
    this._api = { ...SERVER_API, ...options.api };
    this._lookUpLater = new Debouncer(() => this._lookUpTyped(), options.lookupMs ?? 300);
    this._clones = new ClonesModel(this._api, options.pollMs ?? 750);
    this._clones.changed.connect(() => this.emit());
    this._clones.finished.connect((_, clone) => {
      if (!this.isDisposed) {
        this._cloneFinished.emit(clone);
      }
      if (clone.status.state === 'done') {
        void this.refresh(); // "Open" instead of "Clone" from now on
      }
    });
  }

  get repos(): Repository[] {
    return this._list?.repos ?? [];
  }

  get filtered(): Repository[] {
    return filterRepositories(this.repos, this._filter);
  }

  get suggested(): string[] {
    return this._list?.suggested ?? [];
  }

  /** Where a suggested URL is cloned already, when it is. */
  suggestedClonedAt(url: string): string | null {
    return this._suggestedAt.get(url) ?? null;
  }

  /** The name or URL typed to clone another repository. */
  get typed(): string {
    return this._typed;
  }

  /** Look up, once typing pauses, whether the typed remote is cloned already. */
  set typed(text: string) {
    if (text === this._typed) {
      return;
    }
    this._typed = text;
    this._typedAt = null;
    this.emit();
    void this._lookUpLater.invoke();
  }

  /** The folder the typed remote is cloned in already (so the panel offers "Open"), or null. */
  get typedClonedAt(): string | null {
    return this._typedAt;
  }

  /** Why AWS did not list (denied, unreachable): the panel still offers typing. */
  get listError(): string | null {
    return this._list?.error ?? null;
  }

  /** When the list was read from AWS, and any notice about it (throttled, older list). */
  get fetched(): RepositoryList | null {
    return this._list;
  }

  get loaded(): boolean {
    return this._list !== null;
  }

  get filter(): string {
    return this._filter;
  }

  set filter(value: string) {
    this._filter = value;
    this.emit();
  }

  get clones(): IClone[] {
    return this._clones.list;
  }

  /** The running clone into `path`, if any. */
  cloneAt(path: string): IClone | undefined {
    return this._clones.at(path);
  }

  /** A clone ended: done, failed or cancelled. */
  get cloneFinished(): ISignal<this, IClone> {
    return this._cloneFinished;
  }

  /** Read the list again; `fresh`: from AWS, not the list the server shares. */
  refresh(fresh = false): Promise<void> {
    return this.read(
      () => this._readListing(fresh),
      ({ list, suggestedAt }) => {
        this._list = list;
        this._suggestedAt = suggestedAt;
      },
      'The repositories could not be read.'
    );
  }

  /**
   * Start a clone and follow it. Rejects with the server's error (a
   * `FolderExistsError` for a folder that exists) so the form can show it.
   */
  clone(request: CloneRequest): Promise<IClone> {
    return this._clones.start(request);
  }

  cancel(id: string): Promise<void> {
    return this._clones.cancel(id);
  }

  /** Forget a clone that ended, so its line leaves the panel. */
  dismiss(id: string): void {
    this._clones.dismiss(id);
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._lookUpLater.dispose();
    this._clones.dispose();
    super.dispose();
  }

  /** The list, where its suggestions are cloned, and (once more) the typed remote. */
  private async _readListing(fresh: boolean): Promise<IListing> {
    const list = await this._api.list(fresh);
    const [suggestedAt] = await Promise.all([
      this._lookUpSuggested(list.suggested),
      this._lookUpTyped()
    ]);
    return { list, suggestedAt };
  }

  private async _lookUpTyped(): Promise<void> {
    const text = this._typed.trim();
    const ticket = ++this._lookupTicket;
    let path: string | null = null;
    if (text) {
      try {
        path = await this._api.clonedAt(text);
      } catch {
        path = null; // only a hint: cloning still says what is wrong
      }
    }
    if (ticket === this._lookupTicket && this._typed.trim() === text) {
      this._typedAt = path;
      this.emit();
    }
  }

  private async _lookUpSuggested(urls: string[]): Promise<Map<string, string | null>> {
    const found = await Promise.all(
      urls.map(url => this._api.clonedAt(url).catch(() => null))
    );
    return new Map(urls.map((url, index) => [url, found[index]]));
  }

  private _api: ICodeCommitApi;
  private _lookUpLater: Debouncer<void>;
  private _lookupTicket = 0;
  private _typed = '';
  private _typedAt: string | null = null;
  private _suggestedAt = new Map<string, string | null>();
  private _list: RepositoryList | null = null;
  private _filter = '';
  private _clones: ClonesModel;
  private _cloneFinished = new Signal<this, IClone>(this);
}

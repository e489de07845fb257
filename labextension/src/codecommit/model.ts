import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

import { messageOf } from '../ui/errors';
import {
  cancelClone,
  fetchClone,
  fetchClonedAt,
  fetchRepositories,
  ICloneRequest,
  IRepository,
  IRepositoryList,
  startClone
} from './api';
import { ClonesModel, ICloneApi, IClone } from './clones';
import { filterRepositories } from './sources';

export { defaultFolder, describeClone, filterRepositories, requestFor } from './sources';
export type { IClone } from './clones';

/** The server calls the model makes; tests pass their own. */
export interface ICodeCommitApi extends ICloneApi {
  /** `refresh`: a person's Refresh, past the list the server shares between tabs. */
  list(refresh?: boolean): Promise<IRepositoryList>;
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

/**
 * The Repositories panel's state: the listing, the filter, and the clones this page
 * started, each followed until it ends.
 */
export class RepositoriesModel implements IDisposable {
  constructor(options: RepositoriesModel.IOptions = {}) {
    this._api = { ...SERVER_API, ...options.api };
    this._lookupMs = options.lookupMs ?? 300;
    this._clones = new ClonesModel(this._api, options.pollMs ?? 750);
    this._clones.changed.connect(() => this._emit());
    this._clones.finished.connect((_, clone) => {
      if (!this._disposed) {
        this._cloneFinished.emit(clone);
      }
      if (clone.status.state === 'done') {
        void this.refresh(); // "Open" instead of "Clone" from now on
      }
    });
  }

  get repos(): IRepository[] {
    return this._list?.repos ?? [];
  }

  get filtered(): IRepository[] {
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
    this._emit();
    clearTimeout(this._lookupTimer);
    this._lookupTimer = setTimeout(() => void this._lookUpTyped(), this._lookupMs);
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
  get fetched(): IRepositoryList | null {
    return this._list;
  }

  /** Why the server could not be asked at all. */
  get error(): string | null {
    return this._error;
  }

  get loaded(): boolean {
    return this._list !== null;
  }

  get loading(): boolean {
    return this._loading;
  }

  get filter(): string {
    return this._filter;
  }

  set filter(value: string) {
    this._filter = value;
    this._changed.emit();
  }

  get clones(): IClone[] {
    return this._clones.list;
  }

  /** The running clone into `path`, if any. */
  cloneAt(path: string): IClone | undefined {
    return this._clones.at(path);
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** A clone ended: done, failed or cancelled. */
  get cloneFinished(): ISignal<this, IClone> {
    return this._cloneFinished;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  /** Read the list again; `fresh`: from AWS, not the list the server shares. */
  async refresh(fresh = false): Promise<void> {
    this._loading = true;
    this._changed.emit();
    try {
      this._list = await this._api.list(fresh);
      this._error = null;
      await Promise.all([
        this._lookUpSuggested(this._list.suggested),
        this._lookUpTyped()
      ]);
    } catch (error) {
      this._error = messageOf(error, 'The repositories could not be read.');
    } finally {
      this._loading = false;
      this._emit();
    }
  }

  /**
   * Start a clone and follow it. Rejects with the server's error (a
   * `FolderExistsError` for a folder that exists) so the form can show it.
   */
  clone(request: ICloneRequest): Promise<IClone> {
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
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    clearTimeout(this._lookupTimer);
    this._clones.dispose();
    Signal.clearData(this);
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
      this._emit();
    }
  }

  private async _lookUpSuggested(urls: string[]): Promise<void> {
    const found = await Promise.all(
      urls.map(url => this._api.clonedAt(url).catch(() => null))
    );
    this._suggestedAt = new Map(urls.map((url, index) => [url, found[index]]));
  }

  private _emit(): void {
    if (!this._disposed) {
      this._changed.emit();
    }
  }

  private _api: ICodeCommitApi;
  private _lookupMs: number;
  private _lookupTimer: ReturnType<typeof setTimeout> | undefined = undefined;
  private _lookupTicket = 0;
  private _typed = '';
  private _typedAt: string | null = null;
  private _suggestedAt = new Map<string, string | null>();
  private _list: IRepositoryList | null = null;
  private _error: string | null = null;
  private _loading = false;
  private _filter = '';
  private _clones: ClonesModel;
  private _disposed = false;
  private _changed = new Signal<this, void>(this);
  private _cloneFinished = new Signal<this, IClone>(this);
}

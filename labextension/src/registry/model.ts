import { ISignal, Signal } from '@lumino/signaling';

import { messageOf } from '../ui/errors';
import { RequestingModel } from '../ui/requesting';
import {
  ApprovalStatus,
  fetchComparison,
  fetchGroups,
  fetchOverview,
  fetchVersion,
  fetchVersions,
  IComparison,
  IGroup,
  IGroupPage,
  IOverviewPage,
  IVersion,
  IVersionDetail,
  IVersionPage,
  updateStatus
} from './api';

/** The server calls the registry views make; tests pass their own. */
export interface IRegistryApi {
  groups(query: string, next: string | null): Promise<IGroupPage>;
  versions(group: string, status: string, next: string | null): Promise<IVersionPage>;
  version(group: string, version: number): Promise<IVersionDetail>;
  setStatus(
    group: string,
    version: number,
    status: ApprovalStatus,
    comment: string
  ): Promise<IVersionDetail>;
  compare(arns: string[]): Promise<IComparison>;
  overview(next: string | null): Promise<IOverviewPage>;
}

export const SERVER_API: IRegistryApi = {
  groups: (query, next) => fetchGroups(query, next),
  versions: (group, status, next) => fetchVersions(group, status, next),
  version: (group, version) => fetchVersion(group, version),
  setStatus: (group, version, status, comment) =>
    updateStatus(group, version, status, comment),
  compare: arns => fetchComparison(arns),
  overview: next => fetchOverview(next)
};

/**
 * Pages reached by opaque cursors, with "previous" and "next": the cursor that opened
 * each page is kept, since the API only ever gives the next one.
 */
export class CursorPager {
  /** The cursor of the page shown (null for the first). */
  get current(): string | null {
    return this._opened[this._opened.length - 1];
  }

  get pageNumber(): number {
    return this._opened.length;
  }

  get hasPrevious(): boolean {
    return this._opened.length > 1;
  }

  get hasNext(): boolean {
    return this._next !== null;
  }

  /** The page shown answered with this cursor for the one after it. */
  answered(next: string | null): void {
    this._next = next;
  }

  /** Move to the next page; returns its cursor, or undefined when there is none. */
  forward(): string | null | undefined {
    if (this._next === null) {
      return undefined;
    }
    this._opened.push(this._next);
    this._next = null;
    return this.current;
  }

  back(): string | null | undefined {
    if (this._opened.length < 2) {
      return undefined;
    }
    this._opened.pop();
    this._next = null;
    return this.current;
  }

  reset(): void {
    this._opened = [null];
    this._next = null;
  }

  private _opened: (string | null)[] = [null];
  private _next: string | null = null;
}

export namespace RegistryModel {
  export interface IOptions {
    api?: Partial<IRegistryApi>;
    /** How long typing in the search box rests before the server is asked, in ms. */
    searchDelayMs?: number;
  }
}

/**
 * The registry as this page sees it: the sidebar's list of groups (search, pages), the
 * versions chosen for comparison (kept across groups), and approval changes, which every
 * open view hears of through `versionChanged`.
 */
export class RegistryModel extends RequestingModel {
  constructor(options: RegistryModel.IOptions = {}) {
    super();
    this.api = { ...SERVER_API, ...options.api };
    this._searchDelayMs = options.searchDelayMs ?? 300;
  }

  readonly api: IRegistryApi;

  get groups(): IGroup[] {
    return this._groups;
  }

  get loaded(): boolean {
    return this._loaded;
  }

  get error(): string | null {
    return this._error;
  }

  get query(): string {
    return this._query;
  }

  get pager(): CursorPager {
    return this._pager;
  }

  /** A version's approval status changed; the new detail comes with it. */
  get versionChanged(): ISignal<this, IVersionDetail> {
    return this._versionChanged;
  }

  /** Type into the search box: the list is asked again once typing rests. */
  search(query: string): void {
    this._query = query;
    this.emit();
    clearTimeout(this._searchTimer);
    this._searchTimer = setTimeout(() => {
      this._pager.reset();
      void this.refresh();
    }, this._searchDelayMs);
  }

  /** Ask for the page shown again (or the first, after a new search). */
  async refresh(): Promise<void> {
    await this._load(this._pager.current);
  }

  async nextPage(): Promise<void> {
    const cursor = this._pager.forward();
    if (cursor !== undefined) {
      await this._load(cursor);
    }
  }

  async previousPage(): Promise<void> {
    const cursor = this._pager.back();
    if (cursor !== undefined) {
      await this._load(cursor);
    }
  }

  // The selection for comparison: versions of any groups, by ARN.

  get selection(): IVersion[] {
    return [...this._selection.values()];
  }

  isSelected(arn: string): boolean {
    return this._selection.has(arn);
  }

  toggleSelected(version: IVersion): void {
    if (!this._selection.delete(version.arn)) {
      this._selection.set(version.arn, version);
    }
    this.emit();
  }

  clearSelection(): void {
    this._selection.clear();
    this.emit();
  }

  /**
   * Approve, reject or send back to pending. Rejects with the server's error so that
   * the dialog's caller can show it; on success every open view hears of it.
   */
  async setStatus(
    group: string,
    version: number,
    status: ApprovalStatus,
    comment: string
  ): Promise<IVersionDetail> {
    const detail = await this.api.setStatus(group, version, status, comment);
    if (this._selection.has(detail.arn)) {
      this._selection.set(detail.arn, detail);
    }
    this._versionChanged.emit(detail);
    void this.refresh(); // the latest and latest-approved columns may have moved
    return detail;
  }

  dispose(): void {
    clearTimeout(this._searchTimer);
    super.dispose();
  }

  /** Only the answer to the last search or page asked for is shown. */
  private _load(cursor: string | null): Promise<void> {
    return this.request(
      () => this.api.groups(this._query, cursor),
      page => {
        this._groups = page.groups;
        this._pager.answered(page.next);
        this._loaded = true;
        this._error = null;
      },
      error => {
        this._error = messageOf(error, 'The model groups could not be read.');
      }
    );
  }

  private _groups: IGroup[] = [];
  private _loaded = false;
  private _error: string | null = null;
  private _query = '';
  private _pager = new CursorPager();
  private _searchDelayMs: number;
  private _searchTimer: ReturnType<typeof setTimeout> | undefined = undefined;
  private _selection = new Map<string, IVersion>();
  private _versionChanged = new Signal<this, IVersionDetail>(this);
}

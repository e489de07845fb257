/**
 * The state behind each main-area tab: a group's sheet, a version's detail, a comparison,
 * the team overview. Each listens to the registry's approval changes, so a decision taken
 * in one tab shows in all.
 */
import { RequestingModel } from '../ui/requesting';
import { IComparison, IOverviewGroup, IVersion, IVersionDetail } from './api';
import { messageOf } from '../ui/errors';
import { IFetched } from '../ui/freshness';
import { CursorPager } from '../ui/searched';
import { RegistryModel } from './model';
import { columnsOf, DEFAULT_SORT, ISort, sortVersions } from './sheet';

/** Loading, error and a change signal, shared by the tabs' models. */
abstract class TabModel extends RequestingModel {
  constructor(readonly registry: RegistryModel) {
    super();
    registry.versionChanged.connect(this._onVersionChanged, this);
  }

  get error(): string | null {
    return this._error;
  }

  abstract load(): Promise<void>;

  protected abstract onVersionChanged(detail: IVersionDetail): void;

  /** Run a read; its failure becomes `error` in `fallback`'s words unless the server had some. */
  protected run(work: () => Promise<void>, fallback: string): Promise<void> {
    return this.request(
      work,
      () => {
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

/** A group's versions as a sheet: status filter (server side), sort, more pages. */
export class SheetModel extends TabModel {
  constructor(
    registry: RegistryModel,
    readonly group: string,
    status = ''
  ) {
    super(registry);
    this._status = status;
  }

  get versions(): IVersion[] {
    return this._versions;
  }

  /** The loaded versions in the sheet's order. */
  get rows(): IVersion[] {
    return sortVersions(this._versions, this._sort);
  }

  get columns(): { params: string[]; metrics: string[] } {
    return columnsOf(this._versions);
  }

  get sort(): ISort {
    return this._sort;
  }

  set sort(sort: ISort) {
    this._sort = sort;
    this.emit();
  }

  get statusFilter(): string {
    return this._status;
  }

  get loaded(): boolean {
    return this._loaded;
  }

  get hasMore(): boolean {
    return this._next !== null;
  }

  setStatusFilter(status: string): Promise<void> {
    this._status = status;
    return this.load();
  }

  /** When the first page was read from AWS, and any notice about it. */
  get fetched(): IFetched | null {
    return this._fetched;
  }

  /** The first page again; `refresh`: read from AWS, not the answer the server shares. */
  load(refresh = false): Promise<void> {
    return this.run(async () => {
      const ticket = this.ticket;
      const page = await this.registry.api.versions(
        this.group,
        this._status,
        null,
        refresh
      );
      if (this.isLatest(ticket)) {
        this._fetched = { fetched_at: page.fetched_at, notice: page.notice };
        this._versions = this._own(page.versions);
        this._next = page.next;
        this._loaded = true;
      }
    }, `The versions of ${this.group} could not be read.`);
  }

  /** The next page, added below. */
  loadMore(): Promise<void> {
    const cursor = this._next;
    if (cursor === null) {
      return Promise.resolve();
    }
    return this.run(async () => {
      const ticket = this.ticket;
      const page = await this.registry.api.versions(this.group, this._status, cursor);
      if (this.isLatest(ticket)) {
        const known = new Set(this._versions.map(v => v.arn));
        this._versions = [
          ...this._versions,
          ...this._own(page.versions).filter(v => !known.has(v.arn))
        ];
        this._next = page.next;
      }
    }, `More versions of ${this.group} could not be read.`);
  }

  protected onVersionChanged(detail: IVersionDetail): void {
    if (detail.group !== this.group) {
      return;
    }
    const filtered = this._status && detail.status !== this._status;
    if (!filtered && this._status && !this._versions.some(v => v.arn === detail.arn)) {
      void this.load(); // it joins this filtered sheet: where it goes is the server's order
      return;
    }
    this._versions = this._versions.flatMap(v =>
      v.arn !== detail.arn ? [v] : filtered ? [] : [{ ...v, ...detail }]
    );
    this.emit();
  }

  /** Each version knows its group, which the selection (across groups) needs. */
  private _own(versions: IVersion[]): IVersion[] {
    return versions.map(v => (v.group ? v : { ...v, group: this.group }));
  }

  private _versions: IVersion[] = [];
  private _fetched: IFetched | null = null;
  private _next: string | null = null;
  private _status = '';
  private _sort: ISort = DEFAULT_SORT;
  private _loaded = false;
}

/** One version, all of it. */
export class DetailModel extends TabModel {
  constructor(
    registry: RegistryModel,
    readonly group: string,
    readonly version: number
  ) {
    super(registry);
  }

  get detail(): IVersionDetail | null {
    return this._detail;
  }

  /** The version's detail again; `refresh`: from AWS, not the answer the server shares. */
  load(refresh = false): Promise<void> {
    return this.run(async () => {
      const ticket = this.ticket;
      const detail = await this.registry.api.version(this.group, this.version, refresh);
      if (this.isLatest(ticket)) {
        this._detail = detail;
      }
    }, `Version ${this.version} of ${this.group} could not be read.`);
  }

  protected onVersionChanged(detail: IVersionDetail): void {
    if (detail.group === this.group && detail.version === this.version) {
      this._detail = detail;
      this.emit();
    }
  }

  private _detail: IVersionDetail | null = null;
}

/** Two or more versions side by side. */
export class CompareModel extends TabModel {
  constructor(
    registry: RegistryModel,
    readonly arns: string[]
  ) {
    super(registry);
  }

  get comparison(): IComparison | null {
    return this._comparison;
  }

  get differencesOnly(): boolean {
    return this._differencesOnly;
  }

  set differencesOnly(value: boolean) {
    this._differencesOnly = value;
    this.emit();
  }

  /** The comparison again; `refresh`: from AWS, not the answer the server shares. */
  load(refresh = false): Promise<void> {
    return this.run(async () => {
      const ticket = this.ticket;
      const comparison = await this.registry.api.compare(this.arns, refresh);
      if (this.isLatest(ticket)) {
        this._comparison = comparison;
      }
    }, 'The versions could not be compared.');
  }

  protected onVersionChanged(detail: IVersionDetail): void {
    const comparison = this._comparison;
    if (!comparison || !comparison.versions.some(v => v.arn === detail.arn)) {
      return;
    }
    // Shown at once (its age stays the comparison's); the trends and best marks do not
    // depend on approval.
    this._comparison = {
      ...comparison,
      versions: comparison.versions.map(v => (v.arn === detail.arn ? detail : v))
    };
    this.emit();
  }

  private _comparison: IComparison | null = null;
  private _differencesOnly = false;
}

/** Every group's latest approved version and what waits for review, page by page. */
export class OverviewModel extends TabModel {
  get groups(): IOverviewGroup[] {
    return this._groups;
  }

  get pager(): CursorPager {
    return this._pager;
  }

  get loaded(): boolean {
    return this._loaded;
  }

  /** When the page shown was read from AWS, and any notice about it. */
  get fetched(): IFetched | null {
    return this._fetched;
  }

  /** The page shown again; `refresh`: read from AWS, not the answer the server shares. */
  load(refresh = false): Promise<void> {
    return this._open(this._pager.current, refresh);
  }

  nextPage(): Promise<void> {
    const cursor = this._pager.forward();
    return cursor === undefined ? Promise.resolve() : this._open(cursor);
  }

  previousPage(): Promise<void> {
    const cursor = this._pager.back();
    return cursor === undefined ? Promise.resolve() : this._open(cursor);
  }

  protected onVersionChanged(): void {
    void this.load();
  }

  private _open(cursor: string | null, refresh = false): Promise<void> {
    return this.run(async () => {
      const ticket = this.ticket;
      const page = await this.registry.api.overview(cursor, refresh);
      if (this.isLatest(ticket)) {
        this._fetched = { fetched_at: page.fetched_at, notice: page.notice };
        this._groups = page.groups;
        this._pager.answered(page.next);
        this._loaded = true;
      }
    }, 'The team overview could not be read.');
  }

  private _groups: IOverviewGroup[] = [];
  private _fetched: IFetched | null = null;
  private _pager = new CursorPager();
  private _loaded = false;
}

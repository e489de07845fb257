import type { RegistryVersion, RegistryVersionDetail } from '../../generated/api-types';
import { IFetched } from '../../ui/freshness';
import { RegistryModel } from '../model';
import { columnsOf, DEFAULT_SORT, ISort, sortVersions } from '../sheet';
import { TabModel } from './tab';

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

  get versions(): RegistryVersion[] {
    return this._versions;
  }

  /** The loaded versions in the sheet's order. */
  get rows(): RegistryVersion[] {
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
    return this.read(
      () => this.registry.api.versions(this.group, this._status, null, refresh),
      page => {
        this._fetched = { fetched_at: page.fetched_at, notice: page.notice };
        this._versions = this._own(page.versions);
        this._next = page.next;
        this._loaded = true;
      },
      `The versions of ${this.group} could not be read.`
    );
  }

  /** The next page, added below. */
  loadMore(): Promise<void> {
    const cursor = this._next;
    if (cursor === null) {
      return Promise.resolve();
    }
    return this.read(
      () => this.registry.api.versions(this.group, this._status, cursor),
      page => {
        const known = new Set(this._versions.map(v => v.arn));
        this._versions = [
          ...this._versions,
          ...this._own(page.versions).filter(v => !known.has(v.arn))
        ];
        this._next = page.next;
      },
      `More versions of ${this.group} could not be read.`
    );
  }

  protected onVersionChanged(detail: RegistryVersionDetail): void {
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
  private _own(versions: RegistryVersion[]): RegistryVersion[] {
    return versions.map(v => (v.group ? v : { ...v, group: this.group }));
  }

  private _versions: RegistryVersion[] = [];
  private _fetched: IFetched | null = null;
  private _next: string | null = null;
  private _status = '';
  private _sort: ISort = DEFAULT_SORT;
  private _loaded = false;
}

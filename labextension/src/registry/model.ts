import { ISignal, Signal } from '@lumino/signaling';

import type {
  RegistryComparison,
  RegistryGroup,
  RegistryGroupList,
  RegistryOverview,
  RegistryVersion,
  RegistryVersionDetail,
  RegistryVersionList
} from '../generated/api-types';
import { SearchedListModel } from '../ui/searched';
import { SheetSelection } from '../ui/selection';
import {
  ApprovalStatus,
  fetchComparison,
  fetchGroups,
  fetchOverview,
  fetchVersion,
  fetchVersions,
  updateStatus
} from './api';

/** The server calls the registry views make; tests pass their own. */
export interface IRegistryApi {
  /** `refresh`: a person's Refresh, past the answer the server shares. */
  groups(
    query: string,
    next: string | null,
    refresh?: boolean
  ): Promise<RegistryGroupList>;
  versions(
    group: string,
    status: string,
    next: string | null,
    refresh?: boolean
  ): Promise<RegistryVersionList>;
  version(
    group: string,
    version: number,
    refresh?: boolean
  ): Promise<RegistryVersionDetail>;
  setStatus(
    group: string,
    version: number,
    status: ApprovalStatus,
    comment: string
  ): Promise<RegistryVersionDetail>;
  compare(arns: string[], refresh?: boolean): Promise<RegistryComparison>;
  overview(next: string | null, refresh?: boolean): Promise<RegistryOverview>;
}

export const SERVER_API: IRegistryApi = {
  groups: (query, next, refresh) => fetchGroups(query, next, undefined, { refresh }),
  versions: (group, status, next, refresh) =>
    fetchVersions(group, status, next, undefined, { refresh }),
  version: (group, version, refresh) =>
    fetchVersion(group, version, undefined, { refresh }),
  setStatus: (group, version, status, comment) =>
    updateStatus(group, version, status, comment),
  compare: (arns, refresh) => fetchComparison(arns, undefined, { refresh }),
  overview: (next, refresh) => fetchOverview(next, undefined, { refresh })
};

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
export class RegistryModel extends SearchedListModel<RegistryGroup, RegistryGroupList> {
  constructor(options: RegistryModel.IOptions = {}) {
    super(options.searchDelayMs ?? 300);
    this.api = { ...SERVER_API, ...options.api };
  }

  readonly api: IRegistryApi;

  /** The versions ticked for comparison, of any groups, by ARN. */
  readonly selection = new SheetSelection<RegistryVersion>(
    version => version.arn,
    () => this.emit()
  );

  get groups(): RegistryGroup[] {
    return this.items;
  }

  /** A version's approval status changed; the new detail comes with it. */
  get versionChanged(): ISignal<this, RegistryVersionDetail> {
    return this._versionChanged;
  }

  /**
   * Ask for the page shown again (or the first, after a new search); `fresh`: a person's
   * Refresh, read from AWS rather than the answer the server shares.
   */
  async refresh(fresh = false): Promise<void> {
    await this.loadPage(this.pager.current, fresh);
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
  ): Promise<RegistryVersionDetail> {
    const detail = await this.api.setStatus(group, version, status, comment);
    this.selection.update(detail);
    this._versionChanged.emit(detail);
    void this.refresh(); // the latest and latest-approved columns may have moved
    return detail;
  }

  protected fetchPage(
    cursor: string | null,
    refresh: boolean
  ): Promise<RegistryGroupList> {
    return this.api.groups(this.query, cursor, refresh);
  }

  protected itemsOf(page: RegistryGroupList): RegistryGroup[] {
    return page.groups;
  }

  protected readonly failure = 'The model groups could not be read.';

  private _versionChanged = new Signal<this, RegistryVersionDetail>(this);
}

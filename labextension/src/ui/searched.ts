import { IFetched } from './freshness';
import { PagedListModel } from './paged';

/**
 * A sidebar list searched by name and read page by page (the Models panel's groups, the
 * Experiments panel's experiments): typing rests before the server is asked, and only the
 * answer to the last search or page asked for is shown. `fetchPage` asks for `query`.
 */
export abstract class SearchedListModel<
  T,
  P extends { next: string | null } & IFetched
> extends PagedListModel<T, P> {
  constructor(searchDelayMs: number) {
    super();
    this._searchDelayMs = searchDelayMs;
  }

  get query(): string {
    return this._query;
  }

  /** Type into the search box: the list is asked again once typing rests. */
  search(query: string): void {
    if (query === this._query) {
      return;
    }
    this._query = query;
    this.emit();
    clearTimeout(this._searchTimer);
    this._searchTimer = setTimeout(() => void this.firstPage(), this._searchDelayMs);
  }

  dispose(): void {
    clearTimeout(this._searchTimer);
    super.dispose();
  }

  private _query = '';
  private _searchDelayMs: number;
  private _searchTimer: ReturnType<typeof setTimeout> | undefined = undefined;
}

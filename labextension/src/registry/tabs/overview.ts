import { IFetched } from '../../ui/freshness';
import { CursorPager } from '../../ui/searched';
import { IOverviewGroup } from '../api';
import { TabModel } from './tab';

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

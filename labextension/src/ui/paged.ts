import { IFetched } from './freshness';
import { ReadingModel } from './requesting';

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

/**
 * A list read one page at a time, with "previous" and "next" (the Models panel's groups,
 * the experiments, the EMR clusters): only the answer to the last page asked for is shown,
 * and a page that cannot be read leaves the one before it in place with an error.
 */
export abstract class PagedListModel<
  T,
  P extends { next: string | null } & IFetched
> extends ReadingModel {
  get items(): T[] {
    return this._items;
  }

  get loaded(): boolean {
    return this._loaded;
  }

  /** When the page shown was read from its source, and any notice about it. */
  get fetched(): IFetched | null {
    return this._fetched;
  }

  get pager(): CursorPager {
    return this._pager;
  }

  async nextPage(): Promise<void> {
    const cursor = this._pager.forward();
    if (cursor !== undefined) {
      await this.loadPage(cursor);
    }
  }

  async previousPage(): Promise<void> {
    const cursor = this._pager.back();
    if (cursor !== undefined) {
      await this.loadPage(cursor);
    }
  }

  /** Back to the first page, read again (what the list holds has changed). */
  protected firstPage(): Promise<void> {
    this._pager.reset();
    return this.loadPage(null);
  }

  /**
   * The page that opened with `cursor` (null: the first); `refresh`: read from the source
   * rather than the answer the server shares.
   */
  protected loadPage(cursor: string | null, refresh = false): Promise<void> {
    return this.read(
      () => this.fetchPage(cursor, refresh),
      page => {
        this._items = this.itemsOf(page);
        this._fetched = { fetched_at: page.fetched_at, notice: page.notice };
        this._pager.answered(page.next);
        this._loaded = true;
      },
      this.failure
    );
  }

  protected abstract fetchPage(cursor: string | null, refresh: boolean): Promise<P>;
  protected abstract itemsOf(page: P): T[];
  /** What the list says when it cannot be read. */
  protected abstract readonly failure: string;

  private _items: T[] = [];
  private _loaded = false;
  private _fetched: IFetched | null = null;
  private _pager = new CursorPager();
}

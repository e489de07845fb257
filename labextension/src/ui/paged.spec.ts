import { describe, expect, it, vi } from 'vitest';

import { DSWSApiError } from '../request';
import { IFetched } from './freshness';
import { CursorPager } from './paged';
import { SearchedListModel } from './searched';

interface IPage extends IFetched {
  names: string[];
  next: string | null;
}

/**
 * A list of names searched and read page by page, whose pages are answered by `answer`
 * (a cursor of null: the first); typing rests for 300 ms.
 */
class Names extends SearchedListModel<string, IPage> {
  constructor(readonly answer: (cursor: string | null, query: string) => Promise<IPage>) {
    super(300);
  }

  load(): Promise<void> {
    return this.loadPage(this.pager.current);
  }

  start(): Promise<void> {
    return this.firstPage();
  }

  protected fetchPage(cursor: string | null): Promise<IPage> {
    return this.answer(cursor, this.query);
  }

  protected itemsOf(page: IPage): string[] {
    return page.names;
  }

  protected readonly failure = 'The names could not be read.';
}

function page(names: string[], next: string | null, fetched_at = '2026-01-01T00:00:00Z') {
  return { names, next, fetched_at, notice: null };
}

describe('CursorPager', () => {
  it('goes forward with the cursor the page gave and back with the one that opened it', () => {
    const pager = new CursorPager();
    expect(pager.current).toBeNull();
    expect(pager.forward()).toBeUndefined(); // no answer yet: nowhere to go
    pager.answered('c2');
    expect(pager.hasNext).toBe(true);
    expect(pager.forward()).toBe('c2');
    pager.answered('c3');
    expect(pager.forward()).toBe('c3');
    pager.answered(null);
    expect(pager.hasNext).toBe(false);
    expect(pager.pageNumber).toBe(3);
    expect(pager.back()).toBe('c2');
    expect(pager.back()).toBeNull();
    expect(pager.hasPrevious).toBe(false);
    expect(pager.back()).toBeUndefined();
  });
});

describe('PagedListModel', () => {
  const PAGES: Record<string, IPage> = {
    first: page(['ada', 'bo'], 'p2'),
    p2: page(['cy'], null, '2026-01-01T00:05:00Z')
  };

  it('shows one page at a time, forward and back with the cursors the pages gave', async () => {
    const asked: (string | null)[] = [];
    const list = new Names(async cursor => {
      asked.push(cursor);
      return PAGES[cursor ?? 'first'];
    });
    expect(list.loaded).toBe(false);
    await list.load();
    expect([list.items, list.loaded, list.pager.hasNext]).toEqual([
      ['ada', 'bo'],
      true,
      true
    ]);
    await list.nextPage();
    expect(list.items).toEqual(['cy']);
    expect(list.fetched).toEqual({ fetched_at: '2026-01-01T00:05:00Z', notice: null });
    expect(list.pager.hasNext).toBe(false);
    await list.nextPage(); // the last page: nothing to ask
    await list.previousPage();
    expect(list.items).toEqual(['ada', 'bo']);
    await list.previousPage(); // the first page: nothing to ask
    expect(asked).toEqual([null, 'p2', null]);
  });

  it('goes back to the first page when what it lists changes', async () => {
    const asked: (string | null)[] = [];
    const list = new Names(async cursor => {
      asked.push(cursor);
      return PAGES[cursor ?? 'first'];
    });
    await list.load();
    await list.nextPage();
    await list.start();
    expect([list.items, list.pager.pageNumber]).toEqual([['ada', 'bo'], 1]);
    expect(asked).toEqual([null, 'p2', null]);
  });

  it("keeps the page shown when the next fails, in the server's words or its own", async () => {
    let refusal: Error = new DSWSApiError('throttled', 'AWS is busy: try again.', 503);
    const list = new Names(async cursor => {
      if (cursor) {
        throw refusal;
      }
      return PAGES.first;
    });
    await list.load();
    await list.nextPage();
    expect([list.items, list.error]).toEqual([['ada', 'bo'], 'AWS is busy: try again.']);
    refusal = new TypeError('Failed to fetch');
    await list.load();
    expect(list.error).toBe('The names could not be read.');
    await list.previousPage();
    expect([list.items, list.error]).toEqual([['ada', 'bo'], null]);
  });

  it('takes only the answer to the last page asked for', async () => {
    const answers: ((page: IPage) => void)[] = [];
    const list = new Names(() => new Promise(resolve => answers.push(resolve)));
    const first = list.load();
    const second = list.load();
    answers[1](page(['new'], null));
    await second;
    answers[0](page(['stale'], 'x'));
    await first;
    expect([list.items, list.pager.hasNext, list.loading]).toEqual([
      ['new'],
      false,
      false
    ]);
  });
});

describe('SearchedListModel', () => {
  it('asks for the first page once typing rests, for what was typed last', async () => {
    vi.useFakeTimers();
    try {
      const asked: string[] = [];
      const list = new Names(async (cursor, query) => {
        asked.push(`${query}|${cursor}`);
        return page([query], 'next');
      });
      await list.load();
      await list.nextPage();
      asked.length = 0;
      list.search('s');
      await vi.advanceTimersByTimeAsync(100);
      list.search('so');
      await vi.advanceTimersByTimeAsync(100);
      list.search('sorting');
      expect(list.query).toBe('sorting');
      await vi.advanceTimersByTimeAsync(299);
      expect(asked).toEqual([]); // typing has not rested for 300 ms yet
      await vi.advanceTimersByTimeAsync(1);
      expect(asked).toEqual(['sorting|null']);
      expect([list.items, list.pager.pageNumber]).toEqual([['sorting'], 1]);
      list.dispose();
    } finally {
      vi.useRealTimers();
    }
  });
});

// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';

import { ISearchedList, SearchedList } from './searchedlist';
import { TabHead } from './tab';

afterEach(cleanup);

describe('TabHead', () => {
  const head = (model: { loading: boolean; error: string | null }, until: boolean) => {
    const reads: boolean[] = [];
    const view = createElement(
      TabHead,
      {
        title: 'Compare 2 runs',
        model: { ...model, load: (refresh: boolean) => reads.push(refresh) },
        refresh: 'Refresh the comparison',
        waiting: { until, text: 'Comparing runs…' },
        fetched: null,
        link: {
          what: 'this comparison',
          to: () => ({ view: 'models-compare' as const, arns: [] })
        }
      },
      createElement('label', null, 'Differences only')
    );
    return { view, reads };
  };

  it('heads the tab: its title, its controls, Copy link, then Refresh, which reads anew', () => {
    const { view, reads } = head({ loading: false, error: null }, true);
    render(view);
    expect(screen.getByRole('heading').textContent).toBe('Compare 2 runs');
    const toolbar = screen.getByRole('heading').parentElement!;
    expect(Array.from(toolbar.children).map(child => child.textContent)).toEqual([
      'Compare 2 runs',
      'Differences only',
      'Copy link',
      'Refresh'
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Refresh the comparison' }));
    expect(reads).toEqual([true]);
    expect(screen.getByText('Comparing runs…')).toBeTruthy();
  });

  it('says why the read failed rather than that it is still reading', () => {
    render(head({ loading: false, error: 'MLflow said no.' }, true).view);
    expect(screen.getByRole('alert').textContent).toBe('MLflow said no.');
    expect(screen.queryByText('Comparing runs…')).toBeNull();
  });
});

describe('SearchedList', () => {
  const list = (items: string[], query: string): ISearchedList<string> => ({
    items,
    query,
    loaded: true,
    loading: false,
    error: null,
    fetched: null,
    pager: { hasPrevious: false, hasNext: false, pageNumber: 1 },
    search: () => undefined,
    refresh: () => undefined,
    previousPage: () => Promise.resolve(),
    nextPage: () => Promise.resolve()
  });
  const view = (model: ISearchedList<string>) =>
    createElement(SearchedList<string>, {
      model,
      of: 'model groups',
      one: 'model group',
      search: { label: 'Search model groups', placeholder: 'Search models' },
      refresh: 'Refresh models',
      waiting: { text: 'Loading model groups…' },
      label: 'Model groups',
      firstStep: createElement('p', null, 'Register a model first.'),
      line: item => createElement('li', { key: item }, item)
    });

  it('lists the lines, and says nothing of an empty list', () => {
    render(view(list(['churn', 'fraud'], '')));
    const lines = screen.getByRole('list', { name: 'Model groups' });
    expect(Array.from(lines.children).map(line => line.textContent)).toEqual([
      'churn',
      'fraud'
    ]);
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('says that no name contains the search, or what to do first when nothing is searched', () => {
    const { rerender } = render(view(list([], '  chur ')));
    expect(screen.getByText('No model group name contains “chur”.')).toBeTruthy();
    rerender(view(list([], '')));
    expect(screen.getByRole('note').textContent).toBe('Register a model first.');
  });
});

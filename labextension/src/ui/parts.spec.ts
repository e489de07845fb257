// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';

import {
  ErrorAlert,
  IPaged,
  ISortKey,
  LoadState,
  NextStep,
  Pager,
  RefreshButton,
  SortHeaderRow
} from './parts';

// Each part rendered into a DOM and read as a person (or a screen reader) meets it: by its
// role, its accessible name and its text, as the browser tests find them.
afterEach(cleanup);

describe('RefreshButton', () => {
  it('says Refresh, and Loading… without being pressable while a read is under way', () => {
    const clicks: number[] = [];
    const { rerender } = render(
      createElement(RefreshButton, {
        label: 'Refresh models',
        loading: false,
        onClick: () => clicks.push(1)
      })
    );
    const button = screen.getByRole('button', { name: 'Refresh models' });
    expect(button.textContent).toBe('Refresh');
    expect((button as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(button);
    expect(clicks).toEqual([1]);

    rerender(
      createElement(RefreshButton, {
        label: 'Refresh models',
        text: 'Reload',
        loading: true,
        onClick: () => clicks.push(2)
      })
    );
    expect(button.textContent).toBe('Loading…');
    expect((button as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(button);
    expect(clicks).toEqual([1]);
  });

  it('as an icon, has the same name and says the rest in its tooltip', () => {
    const icon = createElement('span', { className: 'an-icon' });
    const props = { label: 'Refresh models', onClick: () => undefined, icon };
    const { rerender } = render(
      createElement(RefreshButton, { ...props, loading: false })
    );
    const button = screen.getByRole('button', { name: 'Refresh models' });
    expect(button.title).toBe('Refresh');
    expect(button.querySelector('.an-icon')).not.toBeNull();
    rerender(createElement(RefreshButton, { ...props, loading: true }));
    expect(button.title).toBe('Loading…');
    expect((button as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('ErrorAlert', () => {
  it('is nothing without a failure', () => {
    const { container } = render(createElement(ErrorAlert, { message: null }));
    expect(container.innerHTML).toBe('');
  });

  it('heads the message with its title and offers what to do next inside the alert', () => {
    const used: string[] = [];
    render(
      createElement(
        ErrorAlert,
        { title: 'Folder taken', message: 'team exists.' },
        createElement('button', { onClick: () => used.push('team-1') }, 'Use team-1')
      )
    );
    const alert = screen.getByRole('alert');
    expect(alert.querySelector('strong')?.textContent).toBe('Folder taken');
    expect(alert.querySelector('p')?.textContent).toBe('team exists.');
    fireEvent.click(within(alert).getByRole('button', { name: 'Use team-1' }));
    expect(used).toEqual(['team-1']);
  });
});

describe('LoadState', () => {
  it('shows the error as an alert, and no loading line beside it', () => {
    render(
      createElement(LoadState, { error: 'Denied', waiting: true, text: 'Loading…' })
    );
    expect(screen.getByRole('alert').textContent).toBe('Denied');
    expect(screen.queryByText('Loading…')).toBeNull();
  });

  it('shows the loading line until the first answer, with its role if given', () => {
    const props = { error: null, text: 'Loading the catalog…', role: 'status' as const };
    const { rerender } = render(createElement(LoadState, { ...props, waiting: true }));
    expect(screen.getByRole('status').textContent).toBe('Loading the catalog…');
    expect(screen.queryByRole('alert')).toBeNull();
    rerender(createElement(LoadState, { ...props, waiting: false }));
    expect(screen.queryByText('Loading the catalog…')).toBeNull();
  });
});

describe('Pager', () => {
  function paged(
    hasPrevious: boolean,
    hasNext: boolean,
    loading = false
  ): IPaged & { asked: string[] } {
    const asked: string[] = [];
    return {
      pager: { hasPrevious, hasNext, pageNumber: 2 },
      loading,
      asked,
      previousPage: async () => void asked.push('previous'),
      nextPage: async () => void asked.push('next')
    };
  }

  function button(name: string): HTMLButtonElement {
    return screen.getByRole('button', { name }) as HTMLButtonElement;
  }

  it('is not shown for a single page', () => {
    const { container } = render(
      createElement(Pager, {
        model: paged(false, false),
        of: 'the overview',
        className: 'x'
      })
    );
    expect(container.textContent).toBe('');
    expect(screen.queryAllByRole('button')).toEqual([]);
  });

  it('names its buttons after what it pages, says the page, and turns it', () => {
    const model = paged(true, false);
    const { container } = render(
      createElement(Pager, { model, of: 'model groups', className: 'jp-dsws-footer' })
    );
    expect(container.textContent).toContain('Page 2');
    expect(button('Previous page of model groups').disabled).toBe(false);
    expect(button('Next page of model groups').disabled).toBe(true);
    fireEvent.click(button('Previous page of model groups'));
    fireEvent.click(button('Next page of model groups'));
    expect(model.asked).toEqual(['previous']);
  });

  it('waits while a page is loading', () => {
    render(
      createElement(Pager, { model: paged(true, true, true), of: 'x', className: 'x' })
    );
    expect(button('Previous page of x').disabled).toBe(true);
    expect(button('Next page of x').disabled).toBe(true);
  });
});

describe('NextStep', () => {
  it("says what to do and offers the getting-started page's example notebooks", () => {
    const opened: number[] = [];
    render(
      createElement(
        NextStep,
        { openGettingStarted: () => opened.push(1) },
        createElement('p', null, 'No runs yet.')
      )
    );
    expect(screen.getByRole('note').textContent).toContain('No runs yet.');
    fireEvent.click(screen.getByRole('button', { name: 'Copy an example notebook' }));
    expect(opened).toEqual([1]);
  });

  it('has no link where the panel was given no page to open', () => {
    render(createElement(NextStep, null, createElement('p', null, 'No runs yet.')));
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('SortHeaderRow', () => {
  const columns = [
    { key: { kind: 'created' }, label: 'Created' },
    { key: { kind: 'metric', name: 'rmse' }, label: 'rmse', className: 'metric' },
    { key: { kind: 'param', name: 'rmse' }, label: 'rmse (param)' }
  ];

  function table(
    sort: { key: ISortKey; descending: boolean },
    onSort: (key: ISortKey) => void = () => undefined
  ) {
    return createElement(
      'table',
      null,
      createElement(
        'thead',
        null,
        createElement(SortHeaderRow<ISortKey>, {
          columns,
          sort,
          onSort,
          after: createElement('th', null, 'Registered')
        })
      )
    );
  }

  it('marks the column sorted by, and only that one', () => {
    render(table({ key: { kind: 'metric', name: 'rmse' }, descending: false }));
    const headers = screen.getAllByRole('columnheader');
    expect(headers.map(h => [h.textContent, h.getAttribute('aria-sort')])).toEqual([
      ['Selected', null],
      ['Created', 'none'],
      ['rmse ▲', 'ascending'],
      ['rmse (param)', 'none'],
      ['Registered', null]
    ]);
    expect(headers[2].className).toBe('metric');
  });

  it("says which column's heading was clicked", () => {
    const clicked: ISortKey[] = [];
    render(
      table({ key: { kind: 'created' }, descending: true }, key => clicked.push(key))
    );
    expect(screen.getAllByRole('columnheader')[1].getAttribute('aria-sort')).toBe(
      'descending'
    );
    fireEvent.click(screen.getByRole('button', { name: 'Sort by rmse (param)' }));
    expect(clicked).toEqual([{ kind: 'param', name: 'rmse' }]);
  });
});

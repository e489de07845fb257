import { createElement, ReactElement } from 'react';
import { describe, expect, it } from 'vitest';

import { ErrorAlert, IPaged, LoadState, Pager, RefreshButton } from './parts';

// No DOM here: each part is called as a function and the element it returns is read.
// The browser tests find these by label, role and text, so those are what is checked.
type Element = ReactElement<Record<string, any>>;

function children(element: Element): any[] {
  return [element.props.children].flat();
}

describe('RefreshButton', () => {
  it('says Refresh, and Loading… without being pressable while a read is under way', () => {
    const clicks: number[] = [];
    const idle = RefreshButton({
      label: 'Refresh models',
      loading: false,
      onClick: () => clicks.push(1)
    }) as Element;
    expect(idle.props['aria-label']).toBe('Refresh models');
    expect(idle.props.disabled).toBe(false);
    expect(idle.props.children).toBe('Refresh');
    idle.props.onClick();
    expect(clicks).toEqual([1]);

    const busy = RefreshButton({
      label: 'Reload the catalog',
      text: 'Reload',
      loading: true,
      onClick: () => undefined
    }) as Element;
    expect(busy.props.disabled).toBe(true);
    expect(busy.props.children).toBe('Loading…');
  });

  it('as an icon, says the same in its tooltip', () => {
    const icon = createElement('span', { className: 'an-icon' });
    const props = { label: 'Refresh models', onClick: () => undefined, icon };
    const idle = RefreshButton({ ...props, loading: false }) as Element;
    expect(idle.props['aria-label']).toBe('Refresh models');
    expect(idle.props.title).toBe('Refresh');
    expect(idle.props.children).toBe(icon);
    const busy = RefreshButton({ ...props, loading: true }) as Element;
    expect(busy.props.disabled).toBe(true);
    expect(busy.props.title).toBe('Loading…');
  });
});

describe('LoadState', () => {
  it('shows the error, and no loading line beside it', () => {
    const state = LoadState({ error: 'Denied', waiting: true, text: 'Loading…' }) as Element;
    const [alert, line] = children(state);
    expect(alert.type).toBe(ErrorAlert);
    expect(alert.props.message).toBe('Denied');
    expect(line).toBe(false);

    const shown = ErrorAlert({ message: 'Denied' }) as Element;
    expect(shown.props.role).toBe('alert');
    expect(shown.props.children.props.children).toBe('Denied');
    expect(ErrorAlert({ message: null })).toBeNull();
  });

  it('shows the loading line until the first answer, with its role if given', () => {
    const waiting = LoadState({
      error: null,
      waiting: true,
      text: 'Loading the catalog…',
      role: 'status'
    }) as Element;
    const line = children(waiting)[1] as Element;
    expect(line.props.children).toBe('Loading the catalog…');
    expect(line.props.role).toBe('status');

    const loaded = LoadState({ error: null, waiting: false, text: 'Loading…' }) as Element;
    expect(children(loaded)[1]).toBe(false);
  });
});

describe('Pager', () => {
  function paged(hasPrevious: boolean, hasNext: boolean, loading = false): IPaged & { asked: string[] } {
    const asked: string[] = [];
    return {
      pager: { hasPrevious, hasNext, pageNumber: 2 },
      loading,
      asked,
      previousPage: async () => void asked.push('previous'),
      nextPage: async () => void asked.push('next')
    };
  }

  it('is not shown for a single page', () => {
    expect(Pager({ model: paged(false, false), of: 'the overview', className: 'x' })).toBeNull();
  });

  it('names its buttons after what it pages, and turns the page', () => {
    const model = paged(true, false);
    const footer = Pager({ model, of: 'model groups', className: 'jp-dsws-footer' }) as Element;
    expect(footer.props.className).toBe('jp-dsws-footer');
    const [previous, page, next] = children(footer) as Element[];
    expect(previous.props['aria-label']).toBe('Previous page of model groups');
    expect(previous.props.disabled).toBe(false);
    expect(children(page).join('')).toBe('Page 2');
    expect(next.props['aria-label']).toBe('Next page of model groups');
    expect(next.props.disabled).toBe(true);
    previous.props.onClick();
    expect(model.asked).toEqual(['previous']);
  });

  it('waits while a page is loading', () => {
    const footer = Pager({ model: paged(true, true, true), of: 'x', className: 'x' }) as Element;
    const [previous, , next] = children(footer) as Element[];
    expect(previous.props.disabled).toBe(true);
    expect(next.props.disabled).toBe(true);
  });
});

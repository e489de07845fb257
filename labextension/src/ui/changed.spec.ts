// @vitest-environment jsdom
import { ISignal, Signal } from '@lumino/signaling';
import { act, cleanup, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';

import { useChanged } from './changed';

afterEach(cleanup);

/** A model as the panels have them: state, and a `changed` signal when it moves. */
class Counter {
  readonly changed = new Signal<this, void>(this);
  count = 0;
  bump(): void {
    this.count += 1;
    this.changed.emit();
  }
}

function CountView(props: { model: Counter }): JSX.Element {
  useChanged(props.model.changed);
  return createElement('p', { role: 'status' }, `count ${props.model.count}`);
}

describe('useChanged', () => {
  it('shows the model anew each time it says it changed', () => {
    const model = new Counter();
    render(createElement(CountView, { model }));
    expect(screen.getByRole('status').textContent).toBe('count 0');
    act(() => model.bump());
    act(() => model.bump());
    expect(screen.getByRole('status').textContent).toBe('count 2');
  });

  it('stops listening once the view is gone', () => {
    // The signal's listeners, as the signal keeps them.
    const listening = new Set<unknown>();
    const signal = {
      connect: (slot: unknown) => listening.add(slot) && true,
      disconnect: (slot: unknown) => listening.delete(slot)
    } as unknown as ISignal<unknown, unknown>;
    function View(): JSX.Element {
      useChanged(signal);
      return createElement('p', null, 'a view');
    }
    const { unmount } = render(createElement(View));
    expect(listening.size).toBe(1);
    unmount();
    expect(listening.size).toBe(0);
  });
});

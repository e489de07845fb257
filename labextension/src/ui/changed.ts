import { ISignal } from '@lumino/signaling';
import * as React from 'react';

/**
 * Renders the calling view again at each emission of `signal` (its model's `changed`), as
 * JupyterLab's `UseSignal` does for its children, without wrapping the view in it.
 */
export function useChanged(signal: ISignal<unknown, unknown>): void {
  const [, rendered] = React.useReducer((count: number) => count + 1, 0);
  React.useEffect(() => {
    const slot = () => rendered();
    signal.connect(slot);
    return () => {
      signal.disconnect(slot);
    };
  }, [signal]);
}

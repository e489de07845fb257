import { Poll } from '@lumino/polling';

/**
 * A view's clock: calls `tick` every `ms` while the page is visible, and rests while it is
 * hidden (nobody reads a countdown in a hidden tab). It starts on the next turn; dispose it
 * to stop. One mechanism for every repeated job: JupyterLab's `Poll`.
 */
export function ticker(name: string, ms: number, tick: () => void): Poll {
  return new Poll({
    factory: async () => tick(),
    frequency: { interval: ms, backoff: false, max: ms },
    name: `jupyter_dsws:${name}`,
    standby: 'when-hidden'
  });
}

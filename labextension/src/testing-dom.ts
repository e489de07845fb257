// Run by vitest before each spec (vitest.config.mjs): in the specs that render into jsdom
// (`// @vitest-environment jsdom`), the browser parts jsdom lacks and that
// @jupyterlab/ui-components and Lumino name as they load.
if (typeof window !== 'undefined') {
  const scope = globalThis as Record<string, unknown>;
  scope.DragEvent ??= class DragEvent extends Event {};
  scope.requestIdleCallback ??= (callback: () => void) => setTimeout(callback, 0);
  window.matchMedia ??= (query: string) =>
    ({
      matches: false,
      media: query,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      addListener: () => undefined,
      removeListener: () => undefined
    }) as unknown as MediaQueryList;
}

/** Which links of a guide are the example notebooks (no DOM here). */

/** Where the guides link to the shipped notebooks, as a path among the guides. */
const EXAMPLE_PATH = /^jupyter_dsws\/examples\/notebooks\/([A-Za-z0-9_-]+\.ipynb)$/;

/** The example a guide's resolved link names, or null for any other link. */
export function exampleOfLink(path: string): string | null {
  return EXAMPLE_PATH.exec(path)?.[1] ?? null;
}

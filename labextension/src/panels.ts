import { PageConfig } from '@jupyterlab/coreutils';

/** The feature panels the server can turn on (`DSWSExtension.panels`). */
export const PANEL_NAMES = [
  'idle',
  'registry',
  'codecommit',
  'instances',
  'experiments'
] as const;

export type PanelName = (typeof PANEL_NAMES)[number];

/**
 * The panels the server turned on, read from the page config (`dswsPanels`, a
 * comma-separated list), so that no request is needed to know them.
 */
export function enabledPanels(
  raw: string = PageConfig.getOption('dswsPanels')
): PanelName[] {
  return raw
    .split(',')
    .map(name => name.trim())
    .filter((name): name is PanelName =>
      (PANEL_NAMES as readonly string[]).includes(name)
    );
}

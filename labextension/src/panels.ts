import { PageConfig } from '@jupyterlab/coreutils';

/**
 * The panels the server turned on, read from the page config (`dswsPanels`, a
 * comma-separated list of the names in `jupyter_dsws/features.py`), so that no request is
 * needed to know them. A name no frontend feature has is left out by `sidebarEntries`.
 */
export function enabledPanels(
  raw: string = PageConfig.getOption('dswsPanels')
): string[] {
  return raw
    .split(',')
    .map(name => name.trim())
    .filter(name => name !== '');
}

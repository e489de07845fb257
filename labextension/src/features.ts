import { ILayoutRestorer, JupyterFrontEnd } from '@jupyterlab/application';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import type { INotebookTracker } from '@jupyterlab/notebook';
import { IStatusBar } from '@jupyterlab/statusbar';
import type { LabIcon } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';

import { Commands } from './commands';

/** What the shell offers a feature when it is turned on. */
export interface IFeatureContext {
  app: JupyterFrontEnd;
  /** The default file browser (its current folder; opening a folder), when there is one. */
  fileBrowser: IDefaultFileBrowser | null;
  /** The status bar, when there is one (not in every JupyterLab-based app). */
  statusBar: IStatusBar | null;
  /** Reopens a feature's main-area tabs after a reload, when the app has one. */
  restorer: ILayoutRestorer | null;
  /** Adds a command with its label, in the command palette under our category. */
  commands: Commands;
  /** The open notebooks and the current one, when the app has notebooks. */
  notebooks: INotebookTracker | null;
}

/**
 * One panel's frontend: `labextension/src/<name>/feature.ts` exports one of these, and
 * `index.ts` lists it. The returned widget fills the feature's own left-sidebar panel
 * (`index.ts` wraps it, with `icon` in the left bar); its `title.label` is the panel's
 * heading and tooltip.
 */
export interface IFeature {
  /** Its name in `jupyter_dsws/features.py` (the page config lists those turned on). */
  name: string;
  icon: LabIcon;
  activate(context: IFeatureContext): Widget;
}

/** The workspace status's place in the left bar: after the file browser (100) and friends. */
export const WORKSPACE_RANK = 650;

/** The DOM id of a feature's left-sidebar panel (what `app.shell.activateById` takes). */
export function panelId(name: string): string {
  return `jp-dsws-${name}`;
}

export interface ISidebarEntry {
  feature: IFeature;
  id: string;
  rank: number;
}

/**
 * The left-sidebar entries of the features the server turned on, in the order of
 * `features`, right below the workspace status. A feature keeps its rank whether or not
 * the ones before it are on, so that a restored layout finds each in the same place.
 */
export function sidebarEntries(
  features: readonly IFeature[],
  enabled: readonly string[]
): ISidebarEntry[] {
  return features.flatMap((feature, index) =>
    enabled.includes(feature.name)
      ? [{ feature, id: panelId(feature.name), rank: WORKSPACE_RANK + 1 + index }]
      : []
  );
}

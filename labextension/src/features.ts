import { JupyterFrontEnd } from '@jupyterlab/application';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { IStatusBar } from '@jupyterlab/statusbar';
import { Widget } from '@lumino/widgets';

import { PanelName } from './panels';

/** What the shell offers a feature when it is turned on. */
export interface IFeatureContext {
  app: JupyterFrontEnd;
  /** The default file browser (its current folder; opening a folder), when there is one. */
  fileBrowser: IDefaultFileBrowser | null;
  /** The status bar, when there is one (not in every JupyterLab-based app). */
  statusBar: IStatusBar | null;
}

/**
 * One panel's frontend: `labextension/src/<name>/feature.ts` exports one of these, and
 * `index.ts` lists it. The returned widget becomes a section of the sidebar; its
 * `title.label` is the section's heading.
 */
export interface IFeature {
  name: PanelName;
  activate(context: IFeatureContext): Widget;
}

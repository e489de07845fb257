import { LabIcon, SidePanel } from '@jupyterlab/ui-components';
import { Panel, Widget } from '@lumino/widgets';

import { workspaceIcon } from './icons';

export interface ISidebarPanelOptions {
  /** The DOM id, which `app.shell.activateById` and the layout restorer use. */
  id: string;
  icon: LabIcon;
  /** The heading at the top of the panel. */
  heading: string;
  /** The tooltip of the panel's icon in the left bar. */
  caption: string;
}

/**
 * One entry of the left sidebar: a heading, then one widget given the whole height left.
 * A plain panel, not the default accordion: with one section an accordion would only add
 * a title bar that collapses the panel's only content.
 */
export class SidebarPanel extends SidePanel {
  constructor(
    readonly body: Widget,
    options: ISidebarPanelOptions
  ) {
    super({ content: new Panel() });
    this.id = options.id;
    this.addClass('jp-dsws-panel');
    this.title.icon = options.icon;
    this.title.caption = options.caption;

    const header = new Widget();
    header.addClass('jp-dsws-header');
    const heading = document.createElement('h2');
    heading.textContent = options.heading;
    header.node.appendChild(heading);
    this.header.addWidget(header);

    body.addClass('jp-dsws-panel-body');
    this.addWidget(body);
  }
}

/** The "Workspace" entry: who the server is on AWS and where it runs. */
export class WorkspaceSidebar extends SidebarPanel {
  constructor(status: Widget) {
    super(status, {
      id: 'jp-dsws-sidebar',
      icon: workspaceIcon,
      heading: 'Data Science Workspace',
      caption: 'Workspace'
    });
  }
}

import { SidePanel } from '@jupyterlab/ui-components';
import { Message } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';

import { workspaceIcon } from './icons';
import { StatusSection } from './status/StatusSection';

/**
 * The "Data Science Workspace" entry of the left sidebar: a heading, then collapsible
 * sections, the workspace status first and then each feature panel the server turned on.
 */
export class WorkspaceSidebar extends SidePanel {
  constructor(readonly status: StatusSection) {
    super();
    this.id = 'jp-dsws-sidebar';
    this.addClass('jp-dsws-sidebar');
    this.title.icon = workspaceIcon;
    this.title.caption = 'Data Science Workspace';

    const heading = new Widget();
    heading.addClass('jp-dsws-header');
    heading.node.innerHTML = '<h2>Data Science Workspace</h2>';
    this.header.addWidget(heading);
    this.addWidget(status);
  }

  /** Add a feature's section below the ones already there. */
  addSection(section: Widget): void {
    section.addClass('jp-dsws-section-widget');
    // Equal shares: a smaller one for the status would hide its most important
    // sentence, the endpoint an admin must add, when AWS is unreachable.
    this.addWidget(section);
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    void this.status.model.refresh().catch(() => undefined);
  }
}

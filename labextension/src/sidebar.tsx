import { ReactWidget } from '@jupyterlab/ui-components';
import { Message } from '@lumino/messaging';
import * as React from 'react';

import { workspaceIcon } from './icons';
import { PanelName } from './panels';
import { StatusModel } from './status/model';
import { StatusView } from './status/StatusView';

/**
 * The "Data Science Workspace" entry of the left sidebar. It hosts the feature panels
 * the server turned on, under the workspace status.
 */
export class WorkspaceSidebar extends ReactWidget {
  constructor(
    readonly status: StatusModel,
    readonly panels: PanelName[]
  ) {
    super();
    this.id = 'jp-dsws-sidebar';
    this.addClass('jp-dsws-sidebar');
    this.title.icon = workspaceIcon;
    this.title.caption = 'Data Science Workspace';
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    void this.status.refresh().catch(() => undefined);
  }

  render(): JSX.Element {
    return (
      <div className="jp-dsws-sidebar-body">
        <header className="jp-dsws-header">
          <h2>Data Science Workspace</h2>
        </header>
        <StatusView model={this.status} />
      </div>
    );
  }
}

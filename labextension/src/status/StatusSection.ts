import { ReactWidget } from '@jupyterlab/ui-components';
import { Message } from '@lumino/messaging';
import * as React from 'react';

import { StatusModel } from './model';
import { StatusView } from './StatusView';

/** The sidebar section that shows the workspace status; it re-checks when shown. */
export class StatusSection extends ReactWidget {
  constructor(readonly model: StatusModel) {
    super();
    this.addClass('jp-dsws-status-section');
    this.title.label = 'Workspace';
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    void this.model.refresh().catch(() => undefined);
  }

  render(): JSX.Element {
    return React.createElement(StatusView, { model: this.model });
  }
}

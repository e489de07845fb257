import * as React from 'react';

import { IFeature, panelId } from '../features';
import { idleIcon } from '../icons';
import { SidebarSection } from '../ui/section';
import { SettingsChanges } from './changes';
import { saveUnsaved, watchInput } from './documents';
import { IdlePanel } from './IdlePanel';
import { IdleModel } from './model';
import { StopNotice } from './notice';
import { IdleStatusItem } from './StatusItem';
import { IdleWarning } from './warning';

// This panel's look comes with it: nothing to list in style/base.css.
import '../../style/idle.css';

/** Idle shutdown: the sidebar panel, the status-bar countdown, the warning, the stop notice. */
export const idleFeature: IFeature = {
  name: 'idle',
  icon: idleIcon,
  activate({ app, statusBar }) {
    const model = new IdleModel({
      saveUnsaved: () => saveUnsaved(app.shell.widgets('main'))
    });
    // A key, a click, a scroll in this page: a person is here (reported, throttled).
    watchInput(() => model.noteInput());
    new IdleWarning(model);
    new StopNotice(model);
    new SettingsChanges(model);
    statusBar?.registerStatusItem('jupyter_dsws:idle-status', {
      item: new IdleStatusItem(model, () => app.shell.activateById(panelId('idle'))),
      align: 'left',
      rank: 50
    });
    void model.start();
    return new SidebarSection({
      name: 'idle',
      label: 'Idle shutdown',
      model,
      render: () => React.createElement(IdlePanel, { model })
    });
  }
};

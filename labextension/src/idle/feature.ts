import { IFeature, panelId } from '../features';
import { idleIcon } from '../icons';
import { IdlePanel } from './IdlePanel';
import { IdleModel } from './model';
import { IdleStatusItem } from './StatusItem';
import { IdleWarning } from './warning';

/** Idle shutdown: the sidebar panel, the status-bar countdown and the warning. */
export const idleFeature: IFeature = {
  name: 'idle',
  icon: idleIcon,
  activate({ app, statusBar }) {
    const model = new IdleModel({
      // JupyterLab's "Save All": every open document with unsaved changes.
      saveAll: () => app.commands.execute('docmanager:save-all')
    });
    const panel = new IdlePanel(model);
    new IdleWarning(model);
    statusBar?.registerStatusItem('jupyter_dsws:idle-status', {
      item: new IdleStatusItem(model, () => app.shell.activateById(panelId('idle'))),
      align: 'left',
      rank: 50
    });
    void model.start();
    return panel;
  }
};

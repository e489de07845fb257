import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ISettingRegistry } from '@jupyterlab/settingregistry';

import { enabledPanels } from './panels';
import { WorkspaceSidebar } from './sidebar';
import { StatusModel } from './status/model';

const PLUGIN_ID = 'jupyter_dsws:plugin';

export const DEFAULT_REFRESH_SECONDS = 60;

const plugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: 'The Data Science Workspace sidebar for SageMaker Studio.',
  autoStart: true,
  optional: [ILayoutRestorer, ISettingRegistry],
  activate: (
    app: JupyterFrontEnd,
    restorer: ILayoutRestorer | null,
    settingRegistry: ISettingRegistry | null
  ) => {
    const status = new StatusModel({ refreshSeconds: DEFAULT_REFRESH_SECONDS });
    const sidebar = new WorkspaceSidebar(status, enabledPanels());
    app.shell.add(sidebar, 'left', { rank: 650 });
    restorer?.add(sidebar, sidebar.id);

    app.commands.addCommand('dsws:open', {
      label: 'Open the Data Science Workspace',
      execute: () => app.shell.activateById(sidebar.id)
    });

    if (settingRegistry) {
      settingRegistry
        .load(PLUGIN_ID)
        .then(settings => {
          const apply = () => {
            status.refreshSeconds = settings.get('statusRefreshSeconds')
              .composite as number;
          };
          apply();
          settings.changed.connect(apply);
        })
        .catch(reason =>
          console.error('jupyter_dsws: settings could not be loaded', reason)
        );
    }
    void status.start().catch(() => undefined);
  }
};

export default plugin;

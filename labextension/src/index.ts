import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStatusBar } from '@jupyterlab/statusbar';

import { codecommitFeature } from './codecommit/feature';
import { IFeature, IFeatureContext } from './features';
import { idleFeature } from './idle/feature';
import { enabledPanels } from './panels';
import { WorkspaceSidebar } from './sidebar';
import { StatusModel } from './status/model';
import { StatusSection } from './status/StatusSection';

/** The frontend of each panel whose slice is built. */
const FEATURES: IFeature[] = [idleFeature, codecommitFeature];

const PLUGIN_ID = 'jupyter_dsws:plugin';

export const DEFAULT_REFRESH_SECONDS = 60;

const plugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: 'The Data Science Workspace sidebar for SageMaker Studio.',
  autoStart: true,
  optional: [ILayoutRestorer, ISettingRegistry, IDefaultFileBrowser, IStatusBar],
  activate: (
    app: JupyterFrontEnd,
    restorer: ILayoutRestorer | null,
    settingRegistry: ISettingRegistry | null,
    fileBrowser: IDefaultFileBrowser | null,
    statusBar: IStatusBar | null
  ) => {
    const status = new StatusModel({ refreshSeconds: DEFAULT_REFRESH_SECONDS });
    const sidebar = new WorkspaceSidebar(new StatusSection(status));
    const context: IFeatureContext = { app, fileBrowser, statusBar };
    const enabled = enabledPanels();
    for (const feature of FEATURES) {
      if (enabled.includes(feature.name)) {
        sidebar.addSection(feature.activate(context));
      }
    }
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

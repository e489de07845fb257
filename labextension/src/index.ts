import {
  ILayoutRestorer,
  IRouter,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { ILauncher } from '@jupyterlab/launcher';
import { INotebookTracker } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStatusBar } from '@jupyterlab/statusbar';
import * as React from 'react';

import { codecommitFeature } from './codecommit/feature';
import { Commands } from './commands';
import { emrFeature } from './emr/feature';
import { IFeature, IFeatureContext, sidebarEntries, WORKSPACE_RANK } from './features';
import { idleFeature } from './idle/feature';
import { copyAndOpen } from './examples/copy';
import { experimentsFeature } from './experiments/feature';
import { addGettingStarted } from './gettingstarted';
import { instancesFeature } from './instances/feature';
import { addGuides } from './guides';
import { addLinkRoute } from './links/router';
import { enabledPanels } from './panels';
import { loadPersonalSettings } from './preferences/settings';
import { registryFeature } from './registry/feature';
import { SidebarPanel, WorkspaceSidebar } from './sidebar';
import { StatusModel } from './status/model';
import { StatusView } from './status/StatusView';
import { SidebarSection } from './ui/section';

/**
 * The frontend of each panel, in sidebar order: the one list (a new panel is its folder and
 * one entry here). Each brings its own CSS; the page config says which are turned on.
 */
const FEATURES: IFeature[] = [
  idleFeature,
  registryFeature,
  codecommitFeature,
  instancesFeature,
  experimentsFeature,
  emrFeature
];

const PLUGIN_ID = 'jupyter_dsws:plugin';

export const DEFAULT_REFRESH_SECONDS = 60;

const plugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: 'The Data Science Workspace sidebar for SageMaker Studio.',
  autoStart: true,
  optional: [
    ILayoutRestorer,
    ISettingRegistry,
    IDefaultFileBrowser,
    IStatusBar,
    ICommandPalette,
    IRenderMimeRegistry,
    INotebookTracker,
    ILauncher,
    IRouter
  ],
  activate: (
    app: JupyterFrontEnd,
    restorer: ILayoutRestorer | null,
    settingRegistry: ISettingRegistry | null,
    fileBrowser: IDefaultFileBrowser | null,
    statusBar: IStatusBar | null,
    palette: ICommandPalette | null,
    rendermime: IRenderMimeRegistry | null,
    notebooks: INotebookTracker | null,
    launcher: ILauncher | null,
    router: IRouter | null
  ) => {
    const commands = new Commands(app, palette);
    const status = new StatusModel({ refreshSeconds: DEFAULT_REFRESH_SECONDS });
    // The status re-checks each time a person shows it.
    const sidebar = new WorkspaceSidebar(
      new SidebarSection({
        name: 'status',
        label: 'Workspace',
        model: status,
        refresh: () => status.refresh(),
        render: () => React.createElement(StatusView, { model: status })
      })
    );
    app.shell.add(sidebar, 'left', { rank: WORKSPACE_RANK });
    restorer?.add(sidebar, sidebar.id);
    commands.add('dsws:open', {
      label: 'Show the Workspace status panel',
      caption: 'The AWS identity, region and Studio space the server runs as',
      execute: () => app.shell.activateById(sidebar.id)
    });
    // The Help menu's entries (schema/plugin.json) and the palette's; the getting-started
    // guide's example notebooks are copied into the file browser's folder.
    addGuides(app, commands, rendermime, restorer, name =>
      copyAndOpen(app, fileBrowser, name)
    );
    addGettingStarted(app, commands, launcher);

    // Each panel its own left-sidebar entry, so that each has the full height.
    const context: IFeatureContext = {
      app,
      fileBrowser,
      statusBar,
      restorer,
      commands,
      notebooks
    };
    for (const { feature, id, rank } of sidebarEntries(FEATURES, enabledPanels())) {
      const body = feature.activate(context);
      const name = body.title.label;
      const panel = new SidebarPanel(body, {
        id,
        icon: feature.icon,
        heading: name,
        caption: name
      });
      app.shell.add(panel, 'left', { rank });
      restorer?.add(panel, id);
      commands.add(`dsws:open-${feature.name}`, {
        label: `Show the ${name} panel`,
        execute: () => app.shell.activateById(id)
      });
    }

    if (settingRegistry) {
      // Each person's own in a shared space (preferences/settings.ts).
      loadPersonalSettings(settingRegistry, PLUGIN_ID)
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
    // Links to our views (links/): after every panel's commands, which they run.
    addLinkRoute(app, router);
    void status.start().catch(() => undefined);
  }
};

export default plugin;

import { Notification } from '@jupyterlab/apputils';
import * as React from 'react';

import { GETTING_STARTED_COMMAND } from '../commands';
import { IFeature, IFeatureContext } from '../features';
import { repositoriesIcon } from '../icons';
import { SidebarSection } from '../ui/section';
import { IClone, RepositoriesModel } from './model';
import { RepositoriesPanel } from './RepositoriesPanel';

// This panel's look comes with it: nothing to list in style/base.css.
import '../../style/codecommit.css';

/** Show a folder (relative to the server's root) in the file browser. */
function openFolder({ app, fileBrowser }: IFeatureContext, path: string): void {
  if (app.commands.hasCommand('filebrowser:go-to-path')) {
    void app.commands.execute('filebrowser:go-to-path', { path: `/${path}` });
  } else if (fileBrowser) {
    void fileBrowser.model.cd(`/${path}`);
  }
}

function announce(context: IFeatureContext, clone: IClone): void {
  const { status } = clone;
  if (status.state === 'done') {
    Notification.success(`Cloned ${clone.source} into ${status.path}.`, {
      autoClose: 5000
    });
    openFolder(context, status.path);
  } else if (status.state === 'failed') {
    Notification.error(`Clone of ${clone.source} failed: ${status.message}`, {
      autoClose: false
    });
  }
}

export const codecommitFeature: IFeature = {
  name: 'codecommit',
  icon: repositoriesIcon,
  activate(context: IFeatureContext) {
    const model = new RepositoriesModel();
    model.cloneFinished.connect((_, clone) => announce(context, clone));
    // Lists when a person shows the panel (never at page load), and again each time;
    // disposing it stops following clones (the server keeps running them).
    return new SidebarSection({
      name: 'codecommit',
      label: 'Repositories',
      model,
      refresh: () => model.refresh(),
      render: () =>
        React.createElement(RepositoriesPanel, {
          model,
          openFolder: path => openFolder(context, path),
          openGettingStarted: () => context.app.commands.execute(GETTING_STARTED_COMMAND)
        })
    });
  }
};

import { Notification } from '@jupyterlab/apputils';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Message } from '@lumino/messaging';
import * as React from 'react';

import { IFeature, IFeatureContext } from '../features';
import { repositoriesIcon } from '../icons';
import { IClone, RepositoriesModel } from './model';
import { RepositoriesPanel } from './RepositoriesPanel';

// This panel's look comes with it: nothing to list in style/base.css.
import '../../style/codecommit.css';

/**
 * The Repositories sidebar panel's body: it lists when a person first shows it (never at
 * page load) and again each time it is shown.
 */
class RepositoriesSection extends ReactWidget {
  constructor(
    readonly model: RepositoriesModel,
    private readonly _context: IFeatureContext
  ) {
    super();
    this.addClass('jp-dsws-codecommit-section');
    this.title.label = 'Repositories';
  }

  /** Show a folder (relative to the server's root) in the file browser. */
  openFolder = (path: string): void => {
    const { app, fileBrowser } = this._context;
    if (app.commands.hasCommand('filebrowser:go-to-path')) {
      void app.commands.execute('filebrowser:go-to-path', { path: `/${path}` });
    } else if (fileBrowser) {
      void fileBrowser.model.cd(`/${path}`);
    }
  };

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.model.dispose(); // stops following clones; the server keeps running them
    super.dispose();
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    void this.model.refresh();
  }

  render(): JSX.Element {
    return React.createElement(RepositoriesPanel, {
      model: this.model,
      openFolder: this.openFolder
    });
  }
}

function announce(section: RepositoriesSection, clone: IClone): void {
  const { status } = clone;
  if (status.state === 'done') {
    Notification.success(`Cloned ${clone.source} into ${status.path}.`, {
      autoClose: 5000
    });
    section.openFolder(status.path);
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
    const widget = new RepositoriesSection(model, context);
    model.cloneFinished.connect((_, clone) => announce(widget, clone));
    return widget;
  }
};

import { JupyterFrontEnd } from '@jupyterlab/application';
import { Dialog, MainAreaWidget, Notification, showDialog } from '@jupyterlab/apputils';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Message } from '@lumino/messaging';
import * as React from 'react';

import { IFeature, IFeatureContext } from '../features';
import { instancesIcon } from '../icons';
import { ICurrentInstance } from './api';
import { CatalogModel } from './catalog';
import { CatalogPanel } from './CatalogPanel';
import { InstancesPanel } from './InstancesPanel';
import { InventoryModel } from './inventory';
import { InventoryPanel } from './InventoryPanel';
import { InstancesModel } from './model';

/** Ask before a switch: it stops this app, and what happens next is up to the person. */
export async function confirmSwitch(
  instanceType: string,
  current: ICurrentInstance
): Promise<boolean> {
  const body = React.createElement(
    'div',
    { className: 'jp-dsws-inst-confirm' },
    React.createElement(
      'p',
      null,
      `${current.space_name ? `Space ${current.space_name}` : 'This space'} will run on ` +
        `${instanceType} from its next start` +
        (current.instance_type ? ` (now ${current.instance_type}).` : '.')
    ),
    React.createElement(
      'p',
      null,
      'Every unsaved document is saved first. Then this JupyterLab app stops: ' +
        'running kernels, terminals and jobs in it stop and their in-memory state is lost.'
    ),
    React.createElement(
      'p',
      null,
      'Afterwards, open the space in SageMaker Studio and run it again: it starts on ' +
        `${instanceType}. Files in the space's storage stay as they are.`
    )
  );
  const result = await showDialog({
    title: `Switch to ${instanceType}?`,
    body,
    buttons: [
      Dialog.cancelButton(),
      Dialog.warnButton({ label: 'Save, stop and switch' })
    ]
  });
  return result.button.accept;
}

/**
 * The Instances sidebar panel's body: it reads the current instance and the catalog when a
 * person first shows it (never at page load), and again each time it is shown.
 */
class InstancesSection extends ReactWidget {
  constructor(
    readonly model: InstancesModel,
    private readonly _open: { catalog: () => void; inventory: () => void }
  ) {
    super();
    this.addClass('jp-dsws-instances-section');
    this.title.label = 'Instances';
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.model.dispose();
    super.dispose();
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    void this.model.refresh();
  }

  render(): JSX.Element {
    return React.createElement(InstancesPanel, {
      model: this.model,
      openCatalog: this._open.catalog,
      openInventory: this._open.inventory
    });
  }
}

/**
 * A main-area tab opened from the sidebar: a second click focuses the open one
 * instead of opening another.
 */
function tabOpener(
  app: JupyterFrontEnd,
  id: string,
  label: string,
  make: () => ReactWidget
): () => void {
  let tab: MainAreaWidget<ReactWidget> | null = null;
  return () => {
    if (!tab || tab.isDisposed) {
      tab = new MainAreaWidget({ content: make() });
      tab.id = id;
      tab.title.label = label;
      tab.title.icon = instancesIcon;
      tab.title.closable = true;
      tab.addClass('jp-dsws-inst-main');
    }
    if (!tab.isAttached) {
      app.shell.add(tab, 'main');
    }
    app.shell.activateById(tab.id);
  };
}

function catalogTab(): ReactWidget {
  const model = new CatalogModel();
  void model.load();
  const widget = ReactWidget.create(React.createElement(CatalogPanel, { model }));
  widget.disposed.connect(() => model.dispose());
  return widget;
}

function inventoryTab(): ReactWidget {
  const model = new InventoryModel();
  const widget = ReactWidget.create(React.createElement(InventoryPanel, { model }));
  widget.disposed.connect(() => model.dispose());
  return widget;
}

/** The instance picker: the sidebar panel, and the catalog and inventory tabs. */
export const instancesFeature: IFeature = {
  name: 'instances',
  icon: instancesIcon,
  activate({ app, commands }: IFeatureContext) {
    const model = new InstancesModel({
      // JupyterLab's "Save All": every open document with unsaved changes.
      saveAll: () => app.commands.execute('docmanager:save-all'),
      confirm: confirmSwitch
    });
    let announced: unknown = null;
    model.changed.connect(() => {
      const outcome = model.switchOutcome;
      if (outcome?.kind === 'started' && outcome !== announced) {
        announced = outcome;
        // This app is stopping: the sidebar may be gone before anyone reads it.
        Notification.info(outcome.message, { autoClose: false });
      }
    });
    const open = {
      catalog: tabOpener(app, 'jp-dsws-instance-catalog', 'Instance catalog', catalogTab),
      inventory: tabOpener(app, 'jp-dsws-team-inventory', 'Team inventory', inventoryTab)
    };
    commands.add('dsws:open-instance-catalog', {
      label: 'Open the Instance Catalog',
      caption: 'Studio JupyterLab instance types with specs and prices per region',
      execute: open.catalog
    });
    commands.add('dsws:open-team-inventory', {
      label: 'Open the Team Inventory',
      caption: 'An instance recommendation for every model of the team inventory CSV',
      execute: open.inventory
    });
    return new InstancesSection(model, open);
  }
};

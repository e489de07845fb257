import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import { ReactWidget } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { CurrentInstance } from '../generated/api-types';
import { IFeature, IFeatureContext, panelId } from '../features';
import { instancesIcon } from '../icons';
import { enabledPanels } from '../panels';
import { SidebarSection } from '../ui/section';
import { MainAreaTabs } from '../ui/tabs';
import { CatalogModel } from './catalog';
import { stoppedForText } from './format';
import { CatalogPanel } from './CatalogPanel';
import { InstancesPanel } from './InstancesPanel';
import { InventoryModel } from './inventory';
import { InventoryPanel } from './InventoryPanel';
import { InstancesModel } from './model';

// This panel's look comes with it: nothing to list in style/base.css.
import '../../style/instances.css';

/** Ask before a switch: it stops this app, and what happens next is up to the person. */
export async function confirmSwitch(
  instanceType: string,
  current: CurrentInstance
): Promise<boolean> {
  const shared = stoppedForText(current);
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
    shared
      ? React.createElement('p', { className: 'jp-dsws-inst-people' }, shared)
      : null,
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

/** The command that opens (and, after a reload, reopens) an Instances tab. */
const OPEN_TAB_COMMAND = 'dsws:instances-open';

/** The instance picker: the sidebar panel, and the catalog and inventory tabs. */
export const instancesFeature: IFeature = {
  name: 'instances',
  icon: instancesIcon,
  activate({ app, commands, restorer }: IFeatureContext) {
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
    // The catalog and inventory tabs, like the Models tabs: back after a reload.
    const tabs = new MainAreaTabs({
      app,
      restorer,
      namespace: 'dsws-instances',
      command: OPEN_TAB_COMMAND,
      icon: instancesIcon,
      className: 'jp-dsws-inst-main'
    });
    const open = {
      catalog: () =>
        void tabs.open(
          {
            key: 'catalog',
            args: { tab: 'catalog' },
            label: 'Instance catalog',
            id: 'jp-dsws-instance-catalog'
          },
          catalogTab
        ),
      inventory: () =>
        void tabs.open(
          {
            key: 'inventory',
            args: { tab: 'inventory' },
            label: 'Team inventory',
            id: 'jp-dsws-team-inventory'
          },
          inventoryTab
        )
    };
    commands.add(
      OPEN_TAB_COMMAND,
      {
        label: 'Open an Instances Tab',
        execute: args => (args.tab === 'inventory' ? open.inventory() : open.catalog())
      },
      [] // the palette has the two commands below
    );
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
    // Reads the current instance and the catalog when a person shows the panel (never at
    // page load), and again each time.
    return new SidebarSection({
      name: 'instances',
      label: 'Instances',
      model,
      refresh: () => model.refresh(),
      render: () =>
        React.createElement(InstancesPanel, {
          model,
          openCatalog: open.catalog,
          openInventory: open.inventory,
          // A workload too big for one instance: the EMR panel, when it is on.
          openEmr: enabledPanels().includes('emr')
            ? () => app.shell.activateById(panelId('emr'))
            : null
        })
    });
  }
};

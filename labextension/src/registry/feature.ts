import { ILayoutRestorer, JupyterFrontEnd } from '@jupyterlab/application';
import * as React from 'react';

import { Commands, GETTING_STARTED_COMMAND } from '../commands';
import { IFeature, IFeatureContext } from '../features';
import { modelsIcon } from '../icons';
import { ModelView, SidebarSection } from '../ui/section';
import { MainAreaTabs } from '../ui/tabs';
import { CompareView } from './CompareView';
import { DetailView } from './DetailView';
import { GroupsPanel } from './GroupsPanel';
import { RegistryModel } from './model';
import { OverviewView } from './OverviewView';
import { SheetView } from './SheetView';
import { CompareModel } from './tabs/compare';
import { DetailModel } from './tabs/detail';
import { OverviewModel } from './tabs/overview';
import { SheetModel } from './tabs/sheet';

// This panel's look comes with it: nothing to list in style/base.css.
import '../../style/registry.css';

/** What reopens a tab: the command's arguments, kept in the saved layout. */
type TabArgs =
  | { kind: 'group'; group: string; status?: string }
  | { kind: 'version'; group: string; version: number }
  | { kind: 'compare'; arns: string[] }
  | { kind: 'overview' };

/** The command that opens (and, after a reload, reopens) a Models tab. */
export const OPEN_TAB_COMMAND = 'dsws:registry-open';

/**
 * The main-area tabs: one per group, version, comparison and the overview; opening one
 * that is open already brings it to the front. Open tabs come back after a reload.
 */
export class RegistryTabs {
  constructor(
    app: JupyterFrontEnd,
    readonly registry: RegistryModel,
    restorer: ILayoutRestorer | null,
    commands: Commands
  ) {
    // With no arguments (the palette): the team overview.
    commands.add(
      OPEN_TAB_COMMAND,
      {
        label: args =>
          args.kind ? 'Open a Models Tab' : 'Open the Models Team Overview',
        execute: args =>
          this._reopen((args.kind ? args : { kind: 'overview' }) as unknown as TabArgs)
      },
      [{}]
    );
    this._tabs = new MainAreaTabs({
      app,
      restorer,
      namespace: 'dsws-registry',
      command: OPEN_TAB_COMMAND,
      icon: modelsIcon,
      className: 'jp-dsws-reg-main'
    });
  }

  private _reopen(args: TabArgs): void {
    switch (args.kind) {
      case 'group':
        return this.openGroup(args.group, args.status);
      case 'version':
        return this.openVersion(args.group, args.version);
      case 'compare':
        return this.openCompare(args.arns);
      case 'overview':
        return this.openOverview();
    }
  }

  /** A group's sheet; `status`, from a link: its status filter ('' for all). */
  openGroup = (group: string, status?: string): void => {
    const args: TabArgs = { kind: 'group', group };
    const open = this._sheets.get(group);
    if (
      open &&
      !open.isDisposed &&
      status !== undefined &&
      status !== open.statusFilter
    ) {
      void open.setStatusFilter(status);
    }
    this._open(`group:${group}`, args, group, `Versions of ${group}`, () => {
      const model = new SheetModel(this.registry, group, status ?? '');
      this._sheets.set(group, model);
      void model.load();
      return new ModelView(model, () =>
        React.createElement(SheetView, {
          model,
          registry: this.registry,
          openVersion: this.openVersion,
          openCompare: this.openCompare
        })
      );
    });
  };

  openVersion = (group: string, version: number): void => {
    this._open(
      `version:${group}:${version}`,
      { kind: 'version', group, version },
      `${group} v${version}`,
      `Version ${version} of ${group}`,
      () => {
        const model = new DetailModel(this.registry, group, version);
        void model.load();
        return new ModelView(model, () =>
          React.createElement(DetailView, { model, registry: this.registry })
        );
      }
    );
  };

  openCompare = (arns: string[]): void => {
    const key = `compare:${[...arns].sort().join(' ')}`;
    this._open(
      key,
      { kind: 'compare', arns },
      `Compare ${arns.length}`,
      arns.join('\n'),
      () => {
        const model = new CompareModel(this.registry, arns);
        void model.load();
        return new ModelView(model, () =>
          React.createElement(CompareView, {
            model,
            registry: this.registry,
            openVersion: this.openVersion
          })
        );
      }
    );
  };

  openOverview = (): void => {
    this._open(
      'overview',
      { kind: 'overview' },
      'Team overview',
      'Models: team overview',
      () => {
        const model = new OverviewModel(this.registry);
        void model.load();
        return new ModelView(model, () =>
          React.createElement(OverviewView, {
            model,
            openGroup: this.openGroup,
            openVersion: this.openVersion
          })
        );
      }
    );
  };

  private _open(
    key: string,
    args: TabArgs,
    label: string,
    caption: string,
    make: () => ModelView
  ): void {
    this._tabs.open({ key, args, label, caption }, make);
  }

  private _tabs: MainAreaTabs;
  /** The open sheets, so that a link can set the filter of one already open. */
  private _sheets = new Map<string, SheetModel>();
}

export const registryFeature: IFeature = {
  name: 'registry',
  icon: modelsIcon,
  activate({ app, restorer, commands }: IFeatureContext) {
    const registry = new RegistryModel();
    const tabs = new RegistryTabs(app, registry, restorer, commands);
    // Asks for the groups when a person shows the panel, and again each time.
    return new SidebarSection({
      name: 'registry',
      label: 'Models',
      refresh: () => registry.refresh(),
      render: () =>
        React.createElement(GroupsPanel, {
          model: registry,
          openGroup: tabs.openGroup,
          openOverview: tabs.openOverview,
          openCompare: tabs.openCompare,
          openGettingStarted: () => app.commands.execute(GETTING_STARTED_COMMAND)
        })
    });
  }
};

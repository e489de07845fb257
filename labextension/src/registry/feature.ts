import { JupyterFrontEnd } from '@jupyterlab/application';
import { MainAreaWidget } from '@jupyterlab/apputils';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Message } from '@lumino/messaging';
import * as React from 'react';

import { IFeature, IFeatureContext } from '../features';
import { modelsIcon } from '../icons';
import { CompareView } from './CompareView';
import { DetailView } from './DetailView';
import { GroupsPanel } from './GroupsPanel';
import { RegistryModel } from './model';
import { OverviewView } from './OverviewView';
import { SheetView } from './SheetView';
import { CompareModel, DetailModel, OverviewModel, SheetModel } from './tabs';

/** A main-area view whose model goes with it. */
class RegistryView extends ReactWidget {
  constructor(
    private readonly _model: { dispose(): void },
    private readonly _render: () => JSX.Element
  ) {
    super();
    this.addClass('jp-dsws-reg-view');
  }

  dispose(): void {
    if (!this.isDisposed) {
      this._model.dispose();
    }
    super.dispose();
  }

  render(): JSX.Element {
    return this._render();
  }
}

/**
 * The main-area tabs: one per group, version, comparison and the overview; opening one
 * that is open already brings it to the front.
 */
export class RegistryTabs {
  constructor(
    private readonly _app: JupyterFrontEnd,
    readonly registry: RegistryModel
  ) {}

  openGroup = (group: string): void => {
    this._open(`group:${group}`, group, `Versions of ${group}`, () => {
      const model = new SheetModel(this.registry, group);
      void model.load();
      return new RegistryView(model, () =>
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
      `${group} v${version}`,
      `Version ${version} of ${group}`,
      () => {
        const model = new DetailModel(this.registry, group, version);
        void model.load();
        return new RegistryView(model, () =>
          React.createElement(DetailView, { model, registry: this.registry })
        );
      }
    );
  };

  openCompare = (arns: string[]): void => {
    const key = `compare:${[...arns].sort().join(' ')}`;
    this._open(key, `Compare ${arns.length}`, arns.join('\n'), () => {
      const model = new CompareModel(this.registry, arns);
      void model.load();
      return new RegistryView(model, () =>
        React.createElement(CompareView, {
          model,
          registry: this.registry,
          openVersion: this.openVersion
        })
      );
    });
  };

  openOverview = (): void => {
    this._open('overview', 'Team overview', 'Models: team overview', () => {
      const model = new OverviewModel(this.registry);
      void model.load();
      return new RegistryView(model, () =>
        React.createElement(OverviewView, {
          model,
          openGroup: this.openGroup,
          openVersion: this.openVersion
        })
      );
    });
  };

  private _open(
    key: string,
    label: string,
    caption: string,
    make: () => RegistryView
  ): void {
    const open = this._tabs.get(key);
    if (open && !open.isDisposed) {
      this._app.shell.activateById(open.id);
      return;
    }
    const widget = new MainAreaWidget({ content: make() });
    widget.id = `jp-dsws-reg-tab-${++this._count}`;
    widget.addClass('jp-dsws-reg-main');
    widget.title.label = label;
    widget.title.caption = caption;
    widget.title.icon = modelsIcon;
    widget.title.closable = true;
    widget.disposed.connect(() => this._tabs.delete(key));
    this._tabs.set(key, widget);
    this._app.shell.add(widget, 'main');
    this._app.shell.activateById(widget.id);
  }

  private _tabs = new Map<string, MainAreaWidget>();
  private _count = 0;
}

/** The Models sidebar panel's body; it asks again for the page shown each time it is shown. */
class ModelsSection extends ReactWidget {
  constructor(readonly tabs: RegistryTabs) {
    super();
    this.addClass('jp-dsws-registry-section');
    this.title.label = 'Models';
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    if (this.tabs.registry.loaded) {
      void this.tabs.registry.refresh();
    }
  }

  render(): JSX.Element {
    const { tabs } = this;
    return React.createElement(GroupsPanel, {
      model: tabs.registry,
      openGroup: tabs.openGroup,
      openOverview: tabs.openOverview,
      openCompare: tabs.openCompare
    });
  }
}

export const registryFeature: IFeature = {
  name: 'registry',
  icon: modelsIcon,
  activate({ app }: IFeatureContext) {
    const registry = new RegistryModel();
    const section = new ModelsSection(new RegistryTabs(app, registry));
    void registry.refresh();
    return section;
  }
};

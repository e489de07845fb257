import { ILayoutRestorer, JupyterFrontEnd } from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import type { Run } from '../generated/api-types';
import { ModelView, SidebarSection } from '../ui/section';
import { DisposableSet } from '@lumino/disposable';
import * as React from 'react';

import { Commands, GETTING_STARTED_COMMAND } from '../commands';
import { IFeature, IFeatureContext } from '../features';
import { IRunsView } from '../links/link';
import { experimentsIcon } from '../icons';
import { OPEN_TAB_COMMAND as OPEN_MODELS_TAB } from '../registry/feature';
import { MainAreaTabs } from '../ui/tabs';
import { TickWhile } from '../ui/follower';
import { RunsCompareModel } from './comparing';
import { CompareRunsView } from './CompareRunsView';
import { ExperimentsPanel } from './ExperimentsPanel';
import { ExperimentsModel } from './model';
import { registerRunDialog } from './register';
import { PersonalChoices } from '../preferences/choices';
import { LOCAL_CHOICES, RunsSheetModel } from './runs';
import { RunsSheetView } from './RunsSheetView';
// This panel's look comes with it: nothing to list in style/base.css.
import 'uplot/dist/uPlot.min.css';
import '../../style/experiments.css';

/** What reopens a tab: the command's arguments, kept in the saved layout. */
type TabArgs =
  | { kind: 'runs'; id: string; name: string; view?: IRunsView }
  | { kind: 'compare'; runs: string[]; experiment: string };

/** The command that opens (and, after a reload, reopens) an Experiments tab. */
export const OPEN_TAB_COMMAND = 'dsws:experiments-open';

/** The runs sheets (one per experiment) and the comparisons, back after a reload. */
export class ExperimentsTabs {
  constructor(
    private readonly _app: JupyterFrontEnd,
    readonly experiments: ExperimentsModel,
    restorer: ILayoutRestorer | null,
    commands: Commands
  ) {
    commands.add(OPEN_TAB_COMMAND, {
      label: 'Open an Experiments Tab',
      execute: args => this._reopen(args as unknown as TabArgs)
    });
    this._tabs = new MainAreaTabs({
      app: _app,
      restorer,
      namespace: 'dsws-experiments',
      command: OPEN_TAB_COMMAND,
      icon: experimentsIcon,
      className: 'jp-dsws-exp-main'
    });
  }

  private _reopen(args: TabArgs): void {
    switch (args.kind) {
      case 'runs':
        return this.openRuns(args.id, args.name, args.view);
      case 'compare':
        return this.openCompare(args.runs, args.experiment);
    }
  }

  /** An experiment's runs sheet; `view`, from a link: its filter, order and columns. */
  openRuns = (id: string, name: string, view?: IRunsView): void => {
    const args: TabArgs = { kind: 'runs', id, name };
    const open = this._sheets.get(id);
    if (open && !open.isDisposed && view) {
      void open.applyView(view);
    }
    this._tabs.open(
      { key: `runs:${id}`, args, label: name, caption: `Runs of ${name}` },
      () => {
        const model = new RunsSheetModel(this.experiments.api, id, name, this._choices);
        this._sheets.set(id, model);
        void (view ? model.applyView(view) : model.load());
        return new ModelView(model, () =>
          React.createElement(RunsSheetView, {
            model,
            openCompare: this.openCompare,
            register: run => void this._register(run, model),
            openVersion: this.openVersion
          })
        );
      }
    );
  };

  openCompare = (runs: string[], experiment: string): void => {
    const args: TabArgs = { kind: 'compare', runs, experiment };
    this._tabs.open(
      {
        key: `compare:${[...runs].sort().join(' ')}`,
        args,
        label: `Compare ${runs.length} runs`,
        caption: `${runs.length} runs of ${experiment}`
      },
      () => {
        const model = new RunsCompareModel(this.experiments.api, runs);
        void model.load();
        return new ModelView(model, () =>
          React.createElement(CompareRunsView, {
            model,
            experiment,
            register: run => void this._register(run, null)
          })
        );
      }
    );
  };

  /** A registered version, in the Models panel's tab for it. */
  openVersion = (group: string, version: number): void => {
    const { commands } = this._app;
    if (commands.hasCommand(OPEN_MODELS_TAB)) {
      void commands.execute(OPEN_MODELS_TAB, { kind: 'version', group, version });
    } else {
      Notification.info(
        `Version ${version} of ${group}: the Models panel is turned off.`,
        {
          autoClose: 5000
        }
      );
    }
  };

  private async _register(run: Run, sheet: RunsSheetModel | null): Promise<void> {
    const done = await registerRunDialog(this.experiments.api, run, this.openVersion);
    if (done) {
      sheet?.markRegistered(run.id, done.group, done.version);
    }
  }

  private _tabs: MainAreaTabs;
  /** Each sheet's columns: the person's own, read once per page. */
  private _choices = new PersonalChoices(LOCAL_CHOICES);
  /** The open sheets, so that a link can show its view in one already open. */
  private _sheets = new Map<string, RunsSheetModel>();
}

/** How often a panel waiting for its tracking server to start asks again. */
const STARTING_POLL_MS = 5000;

export const experimentsFeature: IFeature = {
  name: 'experiments',
  icon: experimentsIcon,
  activate({ app, restorer, commands }: IFeatureContext) {
    const experiments = new ExperimentsModel();
    const tabs = new ExperimentsTabs(app, experiments, restorer, commands);
    // Asks the experiments again every few seconds while SageMaker says the tracking
    // server is starting, and stops once it answers (an unreachable server is not asked
    // again and again: the refresh button is there). It asks past the servers list the
    // server shares, so that the panel opens as soon as the server is up rather than up to
    // a minute later.
    const starting = new TickWhile(experiments, {
      name: 'experiments-starting',
      ms: STARTING_POLL_MS,
      waiting: model => model.starting,
      tick: model => void model.refresh(true)
    });
    // Asks MLflow nothing until a person first shows the panel, then each time it is shown.
    return new SidebarSection({
      name: 'experiments',
      label: 'Experiments',
      refresh: () => experiments.refresh(),
      model: DisposableSet.from([starting, experiments]),
      render: () =>
        React.createElement(ExperimentsPanel, {
          model: experiments,
          openExperiment: tabs.openRuns,
          openGettingStarted: () => app.commands.execute(GETTING_STARTED_COMMAND)
        })
    });
  }
};

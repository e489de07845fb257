import { JupyterFrontEnd } from '@jupyterlab/application';
import { PathExt } from '@jupyterlab/coreutils';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { INotebookTracker, NotebookActions, NotebookPanel } from '@jupyterlab/notebook';
import { ISignal, Signal } from '@lumino/signaling';

import { ICellTarget, NotebookError } from './cluster';

/**
 * Connect's cell goes into the current notebook (the notebook a person last worked in,
 * even while the sidebar has the focus), right above its active cell, and runs there:
 * the person's own cell stays active below it, ready for `%%spark`. With no notebook
 * open, a new one is made in the file browser's folder with the default kernel.
 */
export class NotebookTarget implements ICellTarget {
  constructor(
    private readonly _app: JupyterFrontEnd,
    private readonly _tracker: INotebookTracker | null,
    private readonly _fileBrowser: IDefaultFileBrowser | null
  ) {
    _tracker?.currentChanged.connect(() => this._changed.emit(), this);
  }

  /** Another notebook became the current one (or the last one closed). */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get current(): string | null {
    const panel = this._tracker?.currentWidget;
    return panel ? PathExt.basename(panel.context.path) : null;
  }

  async run(cell: string, started: (path: string) => void): Promise<boolean> {
    const panel = this._tracker?.currentWidget ?? (await this._create());
    await panel.context.ready;
    await panel.revealed;
    await panel.sessionContext.ready;
    // Shown, so that the person sees the cell run (the sidebar stays open).
    this._app.shell.activateById(panel.id);
    const notebook = panel.content;
    // In command mode, or the new cell's editor takes the focus a moment after the run
    // (and with it the active cell): the person's cell must stay the active one.
    notebook.mode = 'command';
    NotebookActions.insertAbove(notebook);
    NotebookActions.changeCellType(notebook, 'code');
    const inserted = notebook.activeCell;
    if (!inserted) {
      throw new NotebookError('The connect cell could not be added to the notebook.');
    }
    inserted.model.sharedModel.setSource(cell);
    started(panel.context.path);
    // Runs the new cell and makes the person's cell below it active again.
    return NotebookActions.runAndAdvance(notebook, panel.sessionContext);
  }

  private async _create(): Promise<NotebookPanel> {
    const { commands, serviceManager } = this._app;
    if (!commands.hasCommand(CREATE_NOTEBOOK)) {
      throw new NotebookError(
        'No notebook is open, and this JupyterLab cannot make one.'
      );
    }
    await serviceManager.kernelspecs.ready;
    const kernelName = serviceManager.kernelspecs.specs?.default;
    const panel = await commands.execute(CREATE_NOTEBOOK, {
      cwd: this._fileBrowser?.model.path ?? '',
      ...(kernelName ? { kernelName } : {})
    });
    if (!(panel instanceof NotebookPanel)) {
      throw new NotebookError('A new notebook could not be opened.');
    }
    return panel;
  }

  private _changed = new Signal<this, void>(this);
}

/** JupyterLab's "New Notebook" command (notebook-extension). */
const CREATE_NOTEBOOK = 'notebook:create-new';

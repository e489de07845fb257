import { Button, ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import { Poll } from '@lumino/polling';
import * as React from 'react';

import { ticker } from '../ui/ticker';

import { statusText } from './countdown';
import { IdleModel } from './model';

/**
 * "Idle shutdown in 37 min" in the status bar: a button (reached with Tab, pressed with
 * Enter or Space, named by its text) that opens the Idle shutdown panel.
 */
export class IdleStatusItem extends ReactWidget {
  constructor(
    readonly model: IdleModel,
    private _open: () => void
  ) {
    super();
    this.addClass('jp-dsws-idle-status');
    // The countdown moves between the model's checks too.
    this._ticker = ticker('idle-status', 15_000, () => this.update());
  }

  dispose(): void {
    this._ticker.dispose();
    super.dispose();
  }

  render(): JSX.Element {
    return (
      <UseSignal signal={this.model.changed}>
        {() => (
          <Button
            type="button"
            className="jp-StatusBar-TextItem jp-dsws-idle-status-text"
            title="Idle shutdown: show the details"
            onClick={this._open}
          >
            {statusText(this.model.state, Date.now())}
          </Button>
        )}
      </UseSignal>
    );
  }

  private _ticker: Poll;
}

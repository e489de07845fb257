import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import { Poll } from '@lumino/polling';
import * as React from 'react';

import { ticker } from '../ui/ticker';

import { statusText } from './countdown';
import { IdleModel } from './model';

/** "Idle shutdown in 37 min" in the status bar; a click opens the sidebar. */
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
          <span
            className="jp-StatusBar-TextItem jp-dsws-idle-status-text"
            title="Idle shutdown: click for details"
            onClick={this._open}
          >
            {statusText(this.model.state, Date.now())}
          </span>
        )}
      </UseSignal>
    );
  }

  private _ticker: Poll;
}

import { ReactWidget } from '@jupyterlab/ui-components';
import { Message } from '@lumino/messaging';

export interface ISidebarSectionOptions {
  /** The panel's name: `title.label`, its heading and its icon's tooltip. */
  label: string;
  /** Gives the class `jp-dsws-<name>-section`. */
  name: string;
  /** The React view of the panel. */
  render: () => JSX.Element;
  /**
   * Reads again each time a person shows the panel, the first time included, so that a
   * page load asks nothing for a panel nobody opened. A failure is the model's to show.
   */
  refresh?: () => unknown;
  /** Disposed with the section (stops its polling). */
  model?: { dispose(): void };
}

/** The body of one of our left-sidebar panels: a React view over its model. */
export class SidebarSection extends ReactWidget {
  constructor(private readonly _options: ISidebarSectionOptions) {
    super();
    this.addClass(`jp-dsws-${_options.name}-section`);
    this.title.label = _options.label;
  }

  dispose(): void {
    if (!this.isDisposed) {
      this._options.model?.dispose();
    }
    super.dispose();
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    const { refresh } = this._options;
    if (refresh) {
      void Promise.resolve()
        .then(refresh)
        .catch(() => undefined);
    }
  }

  render(): JSX.Element {
    return this._options.render();
  }
}

/** A main-area view (a Models or Experiments tab) whose model goes with it. */
export class ModelView extends ReactWidget {
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

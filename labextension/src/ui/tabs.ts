import { ILayoutRestorer, JupyterFrontEnd } from '@jupyterlab/application';
import { MainAreaWidget, WidgetTracker } from '@jupyterlab/apputils';
import type { LabIcon } from '@jupyterlab/ui-components';
import { ReadonlyJSONObject } from '@lumino/coreutils';
import { Widget } from '@lumino/widgets';

export namespace MainAreaTabs {
  export interface IOptions {
    app: JupyterFrontEnd;
    restorer: ILayoutRestorer | null;
    /** The saved layout's name for this feature's tabs. */
    namespace: string;
    /** The command that reopens a tab from its arguments after a reload. */
    command: string;
    icon: LabIcon;
    /** A class on every tab, for the feature's styles. */
    className: string;
  }

  /** One tab: its key (one tab per key), what reopens it, and how it reads. */
  export interface ITab {
    key: string;
    args: ReadonlyJSONObject;
    label: string;
    caption?: string;
    /** A fixed DOM id; a numbered one otherwise. */
    id?: string;
  }
}

/**
 * A feature's main-area tabs (and the guides'), one way for all: one tab per key (opening
 * it again brings it to the front), tracked, and back after a reload through `command`
 * with the tab's args.
 */
export class MainAreaTabs {
  constructor(private readonly _options: MainAreaTabs.IOptions) {
    this._tracker = new WidgetTracker<MainAreaWidget>({ namespace: _options.namespace });
    void _options.restorer?.restore(this._tracker, {
      command: _options.command,
      args: widget => this._tabOf.get(widget)?.args ?? {},
      name: widget => this._tabOf.get(widget)?.key ?? widget.id
    });
  }

  /**
   * Open the tab for `tab.key` (made by `make` unless it is open already) and show it;
   * `reveal`: the content shows once it settles, a spinner until then. The content of a
   * key is always of the kind `make` gives.
   */
  open<T extends Widget>(
    tab: MainAreaTabs.ITab,
    make: () => T,
    reveal?: (content: T) => Promise<unknown>
  ): MainAreaWidget<T> {
    const { app, icon, className } = this._options;
    const open = this._byKey.get(tab.key) as MainAreaWidget<T> | undefined;
    if (open && !open.isDisposed) {
      app.shell.activateById(open.id);
      return open;
    }
    const content = make();
    const widget = new MainAreaWidget({ content, reveal: reveal?.(content) });
    widget.id = tab.id ?? `jp-${this._options.namespace}-tab-${++this._count}`;
    widget.addClass(className);
    widget.title.label = tab.label;
    widget.title.caption = tab.caption ?? tab.label;
    widget.title.icon = icon;
    widget.title.closable = true;
    widget.disposed.connect(() => this._byKey.delete(tab.key));
    this._byKey.set(tab.key, widget);
    this._tabOf.set(widget, tab);
    app.shell.add(widget, 'main');
    void this._tracker.add(widget);
    app.shell.activateById(widget.id);
    return widget;
  }

  private _tracker: WidgetTracker<MainAreaWidget>;
  private _byKey = new Map<string, MainAreaWidget>();
  private _tabOf = new WeakMap<MainAreaWidget, MainAreaTabs.ITab>();
  private _count = 0;
}

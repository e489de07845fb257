/**
 * The state behind a runs sheet tab: the runs read (runpages.ts: filter and order on the
 * server, more pages below), the local order and columns, the selection for comparison.
 */
import type { Run } from '../generated/api-types';
import { IRunsView } from '../links/link';
import { SheetSelection } from '../ui/selection';
import { IExperimentsApi } from './api';
import { RunPagesModel } from './runpages';
import {
  bestRuns,
  DEFAULT_RUN_SORT,
  IColumnChoice,
  IRunColumn,
  IRunSort,
  namesOf,
  NO_CHOICE,
  parseChoice,
  sortKeyOf,
  sortKeyText,
  sortRuns,
  toggleColumn,
  visibleColumns
} from './sheet';
import { orderByOf } from './syntax';

/** Where each experiment's column choice is kept (the person's: preferences/choices.ts). */
export interface IChoiceStore {
  load(experimentId: string): IColumnChoice | Promise<IColumnChoice>;
  save(experimentId: string, choice: IColumnChoice): void;
}

const CHOICE_PREFIX = 'jp-dsws-experiments-columns:';

/**
 * The browser's localStorage, one key per experiment; nothing kept when it is unavailable.
 * Where choices were kept before they were the person's on the server.
 */
export const LOCAL_CHOICES: IChoiceStore & { load(id: string): IColumnChoice } = {
  load: id => {
    try {
      return parseChoice(window.localStorage.getItem(CHOICE_PREFIX + id));
    } catch {
      return parseChoice(null);
    }
  },
  save: (id, choice) => {
    try {
      window.localStorage.setItem(CHOICE_PREFIX + id, JSON.stringify(choice));
    } catch {
      // private mode or full: the choice lasts as long as the tab
    }
  }
};

/** The most runs compared at once unless the server says fewer (Experiments.max_compare). */
export const MAX_COMPARE = 50;

export class RunsSheetModel extends RunPagesModel {
  constructor(
    api: IExperimentsApi,
    experimentId: string,
    experimentName: string,
    private readonly _store: IChoiceStore = LOCAL_CHOICES
  ) {
    super(api, experimentId, experimentName);
    const kept = _store.load(experimentId);
    if (kept instanceof Promise) {
      // Until it comes (one read per page), the sheet shows every column.
      void kept.then(
        choice => {
          if (!this._chosen && !this.isDisposed) {
            this._choice = choice;
            this._columns = null;
            this.emit();
          }
        },
        () => undefined
      );
    } else {
      this._choice = kept;
    }
  }

  /** The runs ticked for comparison, by id, in the order of ticking. */
  readonly selection = new SheetSelection<Run>(
    run => run.id,
    () => this.emit()
  );

  /** The loaded runs in the sheet's order (kept until the runs or the order change). */
  get rows(): Run[] {
    if (!this._rows) {
      this._rows = sortRuns(this.runs, this._sort);
    }
    return this._rows;
  }

  get names(): { params: string[]; metrics: string[]; tags: string[] } {
    if (!this._names) {
      this._names = namesOf(this.runs);
    }
    return this._names;
  }

  get columns(): IRunColumn[] {
    if (!this._columns) {
      this._columns = visibleColumns(
        this.runs,
        this.names,
        this._choice,
        this._differencesOnly
      );
    }
    return this._columns;
  }

  get best(): Record<string, Set<string>> {
    if (!this._best) {
      this._best = bestRuns(this.runs, this.directions);
    }
    return this._best;
  }

  get sort(): IRunSort {
    return this._sort;
  }

  get choice(): IColumnChoice {
    return this._choice;
  }

  get differencesOnly(): boolean {
    return this._differencesOnly;
  }

  set differencesOnly(value: boolean) {
    this._differencesOnly = value;
    this._columns = null;
    this.emit();
  }

  setColumnShown(column: IRunColumn, shown: boolean): void {
    this._choice = toggleColumn(this._choice, column, shown);
    this._chosen = true;
    this._store.save(this.experimentId, this._choice);
    this._columns = null;
    this.emit();
  }

  /**
   * Sort by a column. With every run loaded the order is made here at once; with more
   * pages on the server, the first page is asked again in that order (`order_by`), so
   * that "Load more" continues it.
   */
  setSort(sort: IRunSort): Promise<void> {
    this._sort = sort;
    this._rows = null;
    this.emit();
    return this.hasMore ? this.load() : Promise.resolve();
  }

  /** The sheet as a link carries it: filter, order, columns, differences only. */
  get view(): IRunsView {
    const { key, descending } = this._sort;
    const isDefault = key.kind === 'start' && descending;
    return {
      filter: this.filter,
      sort: isDefault ? null : { key: sortKeyText(key), descending },
      hidden: this._choice.hidden,
      tags: this._choice.tags,
      differencesOnly: this._differencesOnly
    };
  }

  /**
   * Show the sheet a link names: its filter, order and columns (for this tab: the person's
   * own column choice is kept for their next sheet), then read the first page again.
   */
  applyView(view: IRunsView): Promise<void> {
    this.useFilter(view.filter);
    const key = view.sort ? sortKeyOf(view.sort.key) : null;
    this._sort = key ? { key, descending: view.sort!.descending } : DEFAULT_RUN_SORT;
    this._choice = { hidden: [...view.hidden], tags: [...view.tags] };
    this._chosen = true;
    this._differencesOnly = view.differencesOnly;
    this.changedRuns();
    this.emit();
    return this.load();
  }

  /** MLflow's default (newest first) needs no `order_by`. */
  protected serverOrder(): string | null {
    const { key, descending } = this._sort;
    return key.kind === 'start' && descending ? null : orderByOf(this._sort);
  }

  protected changedRuns(): void {
    this._rows = null;
    this._names = null;
    this._columns = null;
    this._best = null;
  }

  private _rows: Run[] | null = null;
  private _names: { params: string[]; metrics: string[]; tags: string[] } | null = null;
  private _columns: IRunColumn[] | null = null;
  private _best: Record<string, Set<string>> | null = null;
  private _sort: IRunSort = DEFAULT_RUN_SORT;
  private _choice: IColumnChoice = NO_CHOICE;
  /** The columns were chosen here (or by a link): the stored choice comes too late. */
  private _chosen = false;
  private _differencesOnly = false;
}

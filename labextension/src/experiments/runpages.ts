/**
 * The runs of one experiment as MLflow gives them: filtered and ordered on the server,
 * read page by page. The runs sheet (runs.ts) builds on it with its local order, columns
 * and selection.
 */
import type { Run } from '../generated/api-types';
import { DSWSApiError } from '../request';
import { messageOf } from '../ui/errors';
import { IFetched } from '../ui/freshness';
import { RequestingModel } from '../ui/requesting';
import { Direction, IExperimentsApi } from './api';

export abstract class RunPagesModel extends RequestingModel {
  constructor(
    readonly api: IExperimentsApi,
    readonly experimentId: string,
    readonly experimentName: string
  ) {
    super();
  }

  get runs(): Run[] {
    return this._runs;
  }

  /** Which way each metric is better, as the server says. */
  get directions(): Record<string, Direction> {
    return this._directions;
  }

  get filter(): string {
    return this._filter;
  }

  /** MLflow's own words about a filter it refused; the runs before it stay shown. */
  get filterError(): string | null {
    return this._filterError;
  }

  get error(): string | null {
    return this._error;
  }

  get loaded(): boolean {
    return this._loaded;
  }

  get hasMore(): boolean {
    return this._next !== null;
  }

  /** When the first page was read from MLflow, and any notice about it. */
  get fetched(): IFetched | null {
    return this._fetched;
  }

  /** Apply a filter in MLflow's search syntax (empty: every run). */
  setFilter(filter: string): Promise<void> {
    this.useFilter(filter);
    return this.load();
  }

  /**
   * The first page again, with the filter and order; `refresh`: read from MLflow, not the
   * answer the server shares (a person's Refresh).
   */
  load(refresh = false): Promise<void> {
    return this._read(null, refresh);
  }

  /** The next page, added below. */
  loadMore(): Promise<void> {
    return this._next === null ? Promise.resolve() : this._read(this._next);
  }

  /** A run was registered from this sheet: its row says so at once. */
  markRegistered(runId: string, group: string, version: number): void {
    this._runs = this._runs.map(run =>
      run.id === runId
        ? // Who registered it comes with the next read (the server knows them).
          { ...run, registered: [...run.registered, { group, version, by: null }] }
        : run
    );
    this.changedRuns();
    this.emit();
  }

  /** The filter the next read asks with (nothing is read yet). */
  protected useFilter(filter: string): void {
    this._filter = filter.trim();
  }

  /** The order MLflow is asked for (`order_by`); null: its default, newest first. */
  protected abstract serverOrder(): string | null;

  /** The runs changed: whatever was made of them must be made again. */
  protected abstract changedRuns(): void;

  private _read(cursor: string | null, refresh = false): Promise<void> {
    const filter = this._filter;
    return this.request(
      () => this.api.runs(this.experimentId, filter, this.serverOrder(), cursor, refresh),
      page => {
        if (cursor === null) {
          this._fetched = { fetched_at: page.fetched_at, notice: page.notice };
          this._runs = page.runs;
        } else {
          const known = new Set(this._runs.map(run => run.id));
          this._runs = [...this._runs, ...page.runs.filter(run => !known.has(run.id))];
        }
        this._directions = { ...this._directions, ...page.directions };
        this._next = page.next;
        this._loaded = true;
        this._error = null;
        this._filterError = null;
        this.changedRuns();
      },
      error => {
        if (error instanceof DSWSApiError && error.code === 'bad_filter') {
          this._filterError = error.message;
          this._error = null;
        } else {
          this._error = messageOf(
            error,
            `The runs of ${this.experimentName} could not be read.`
          );
        }
      }
    );
  }

  private _runs: Run[] = [];
  private _fetched: IFetched | null = null;
  private _directions: Record<string, Direction> = {};
  private _next: string | null = null;
  private _filter = '';
  private _filterError: string | null = null;
  private _error: string | null = null;
  private _loaded = false;
}

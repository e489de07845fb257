/** The state behind a Compare tab: the table, one metric's histories, the scatter's axes. */
import type { RunComparison, RunsCompareHistory } from '../generated/api-types';
import { messageOf } from '../ui/errors';
import { LastRequest, ReadingModel } from '../ui/requesting';
import { IExperimentsApi } from './api';
import { scatterParams } from './compare';

/** Points per run asked for a history chart: about a chart's width, min/max kept. */
export const HISTORY_POINTS = 1000;

export class RunsCompareModel extends ReadingModel {
  constructor(
    readonly api: IExperimentsApi,
    readonly runIds: string[]
  ) {
    super();
  }

  get comparison(): RunComparison | null {
    return this._comparison;
  }

  get differencesOnly(): boolean {
    return this._differencesOnly;
  }

  set differencesOnly(value: boolean) {
    this._differencesOnly = value;
    this.emit();
  }

  /** The metric whose histories the chart overlays. */
  get metric(): string | null {
    return this._metric;
  }

  get history(): RunsCompareHistory | null {
    return this._history;
  }

  get historyError(): string | null {
    return this._historyError;
  }

  get historyLoading(): boolean {
    return this._historyRequest.loading;
  }

  get scatterParam(): string | null {
    return this._scatterParam;
  }

  set scatterParam(name: string | null) {
    this._scatterParam = name;
    this.emit();
  }

  get scatterMetric(): string | null {
    return this._scatterMetric;
  }

  set scatterMetric(name: string | null) {
    this._scatterMetric = name;
    this.emit();
  }

  /**
   * The table, then the first metric's histories (a best-marked one first); `refresh`:
   * the table from MLflow, not the answer the server shares (a person's Refresh).
   */
  async load(refresh = false): Promise<void> {
    await this.read(
      () => this.api.compare(this.runIds, refresh),
      comparison => {
        this._comparison = comparison;
        const ranked = comparison.metrics.filter(name => name in comparison.best);
        const first = ranked[0] ?? comparison.metrics[0] ?? null;
        this._metric = this._metric ?? first;
        this._scatterMetric = this._scatterMetric ?? first;
        this._scatterParam = this._scatterParam ?? scatterParams(comparison)[0] ?? null;
      },
      'The runs could not be compared.'
    );
    if (this._metric && !this._history) {
      await this.setMetric(this._metric);
    }
  }

  /** Overlay this metric's histories; only the last one asked is shown. */
  async setMetric(key: string): Promise<void> {
    this._metric = key;
    await this._historyRequest.send(
      () => this.api.history(key, this.runIds, HISTORY_POINTS),
      history => {
        this._history = history;
        this._historyError = null;
      },
      error => {
        this._historyError = messageOf(error, `The history of ${key} could not be read.`);
      }
    );
  }

  private _comparison: RunComparison | null = null;
  private _differencesOnly = false;
  private _metric: string | null = null;
  private _history: RunsCompareHistory | null = null;
  private _historyError: string | null = null;
  private _historyRequest = new LastRequest(() => this.emit());
  private _scatterParam: string | null = null;
  private _scatterMetric: string | null = null;
}

import type {
  Experiment,
  ExperimentList,
  MlflowServer,
  MlflowServerList
} from '../generated/api-types';
import { messageOf } from '../ui/errors';
import { SearchedListModel } from '../ui/searched';
import { IExperimentsApi, SERVER_API } from './api';

export namespace ExperimentsModel {
  export interface IOptions {
    api?: Partial<IExperimentsApi>;
    /** How long typing in the search box rests before the server is asked, in ms. */
    searchDelayMs?: number;
  }
}

/** SageMaker statuses of a tracking server that is on its way up. */
const STARTING = new Set(['Creating', 'Starting', 'Updating']);

/**
 * The sidebar's state: the tracking servers (which is read, its status, what to do when
 * none can be read) and the experiments, searched by name, page by page.
 */
export class ExperimentsModel extends SearchedListModel<Experiment, ExperimentList> {
  constructor(options: ExperimentsModel.IOptions = {}) {
    super(options.searchDelayMs ?? 300);
    this.api = { ...SERVER_API, ...options.api };
  }

  readonly api: IExperimentsApi;

  get servers(): MlflowServerList | null {
    return this._servers;
  }

  /** The server the panel reads, when there is one. */
  get defaultServer(): MlflowServer | null {
    return this._servers?.servers.find(s => s.default) ?? null;
  }

  /** The default server is still coming up (the panel asks again a little later). */
  get starting(): boolean {
    const server = this.defaultServer;
    return server !== null && STARTING.has(server.status);
  }

  get serversError(): string | null {
    return this._serversError;
  }

  get experiments(): Experiment[] {
    return this.items;
  }

  /**
   * The servers and the page shown, again; `fresh`: a person's Refresh, read from SageMaker
   * and MLflow rather than the answers the server shares: the servers first, so that the
   * page comes from the server their fresh list names (one that has just started, say).
   */
  async refresh(fresh = false): Promise<void> {
    if (fresh) {
      await this._loadServers(true);
      await this.loadPage(this.pager.current, true);
      return;
    }
    await Promise.all([this._loadServers(false), this.loadPage(this.pager.current)]);
  }

  /** A fresh URL of the MLflow UI (presigned ones work once): never kept. */
  async uiUrl(): Promise<string> {
    return (await this.api.uiUrl()).url;
  }

  protected fetchPage(cursor: string | null, refresh: boolean): Promise<ExperimentList> {
    return this.api.experiments(this.query, cursor, refresh);
  }

  protected itemsOf(page: ExperimentList): Experiment[] {
    return page.experiments;
  }

  protected readonly failure = 'The experiments could not be read.';

  // The servers are asked beside the experiments, not through `request`: one must not
  // drop the other's answer.
  private async _loadServers(refresh: boolean): Promise<void> {
    try {
      this._servers = await this.api.servers(refresh);
      this._serversError = null;
    } catch (error) {
      this._serversError = messageOf(error, 'The tracking servers could not be read.');
    }
    this.emit();
  }

  private _servers: MlflowServerList | null = null;
  private _serversError: string | null = null;
}

import { messageOf } from '../ui/errors';
import { RequestingModel } from '../ui/requesting';
import { CursorPager } from '../registry/model';
import { IExperiment, IExperimentsApi, IServer, IServerList, SERVER_API } from './api';

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
export class ExperimentsModel extends RequestingModel {
  constructor(options: ExperimentsModel.IOptions = {}) {
    super();
    this.api = { ...SERVER_API, ...options.api };
    this._searchDelayMs = options.searchDelayMs ?? 300;
  }

  readonly api: IExperimentsApi;

  get servers(): IServerList | null {
    return this._servers;
  }

  /** The server the panel reads, when there is one. */
  get defaultServer(): IServer | null {
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

  get experiments(): IExperiment[] {
    return this._experiments;
  }

  get loaded(): boolean {
    return this._loaded;
  }

  get error(): string | null {
    return this._error;
  }

  get query(): string {
    return this._query;
  }

  get pager(): CursorPager {
    return this._pager;
  }

  /** Type into the search box: the list is asked again once typing rests. */
  search(query: string): void {
    if (query === this._query) {
      return;
    }
    this._query = query;
    this.emit();
    clearTimeout(this._searchTimer);
    this._searchTimer = setTimeout(() => {
      this._pager.reset();
      void this._load(null);
    }, this._searchDelayMs);
  }

  /** The servers and the page shown, again. */
  async refresh(): Promise<void> {
    await Promise.all([this._loadServers(), this._load(this._pager.current)]);
  }

  async nextPage(): Promise<void> {
    const cursor = this._pager.forward();
    if (cursor !== undefined) {
      await this._load(cursor);
    }
  }

  async previousPage(): Promise<void> {
    const cursor = this._pager.back();
    if (cursor !== undefined) {
      await this._load(cursor);
    }
  }

  /** A fresh URL of the MLflow UI (presigned ones work once): never kept. */
  async uiUrl(): Promise<string> {
    return (await this.api.uiUrl()).url;
  }

  dispose(): void {
    clearTimeout(this._searchTimer);
    super.dispose();
  }

  // The servers are asked beside the experiments, not through `request`: one must not
  // drop the other's answer.
  private async _loadServers(): Promise<void> {
    try {
      this._servers = await this.api.servers();
      this._serversError = null;
    } catch (error) {
      this._serversError = messageOf(error, 'The tracking servers could not be read.');
    }
    this.emit();
  }

  private _load(cursor: string | null): Promise<void> {
    return this.request(
      () => this.api.experiments(this._query, cursor),
      page => {
        this._experiments = page.experiments;
        this._pager.answered(page.next);
        this._loaded = true;
        this._error = null;
      },
      error => {
        this._error = messageOf(error, 'The experiments could not be read.');
      }
    );
  }

  private _servers: IServerList | null = null;
  private _serversError: string | null = null;
  private _experiments: IExperiment[] = [];
  private _loaded = false;
  private _error: string | null = null;
  private _query = '';
  private _pager = new CursorPager();
  private _searchDelayMs: number;
  private _searchTimer: ReturnType<typeof setTimeout> | undefined = undefined;
}

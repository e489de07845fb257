import type {
  EmrCluster,
  EmrClusterList,
  EmrServerlessApplication
} from '../generated/api-types';
import { messageOf } from '../ui/errors';
import { IFetched } from '../ui/freshness';
import { PagedListModel } from '../ui/paged';
import { ClusterStates, IEmrApi, SERVER_API } from './api';
import { ClusterModel, ICellTarget } from './cluster';

export namespace EmrModel {
  export interface IOptions {
    api?: Partial<IEmrApi>;
    /** Where Connect puts its cell: the current notebook (notebook.ts). */
    target: ICellTarget;
  }
}

/** EMR Serverless states from which StartApplication brings an application up. */
const STARTABLE = new Set(['CREATED', 'STOPPED']);
/** States on the way up (the panel asks again a little later). */
const COMING_UP = new Set(['CREATING', 'STARTING']);

export function canStart(application: EmrServerlessApplication): boolean {
  return STARTABLE.has(application.state);
}

/**
 * The sidebar's state: the clusters (active ones, or all with the switch), page by page;
 * the EMR Serverless applications; the cluster opened, with its path check and Connect.
 */
export class EmrModel extends PagedListModel<EmrCluster, EmrClusterList> {
  constructor(options: EmrModel.IOptions) {
    super();
    this.api = { ...SERVER_API, ...options.api };
    this.target = options.target;
  }

  readonly api: IEmrApi;
  readonly target: ICellTarget;

  get states(): ClusterStates {
    return this._states;
  }

  get clusters(): EmrCluster[] {
    return this.items;
  }

  /** When the applications shown were read from EMR Serverless. */
  get applicationsFetched(): IFetched | null {
    return this._applicationsFetched;
  }

  get applications(): EmrServerlessApplication[] {
    return this._applications;
  }

  get applicationsLoaded(): boolean {
    return this._applicationsLoaded;
  }

  get applicationsError(): string | null {
    return this._applicationsError;
  }

  /** The applications a Start was sent for and not yet answered. */
  isStarting(id: string): boolean {
    return this._startsSent.has(id);
  }

  /** An application is on its way up: worth asking again soon. */
  get applicationsComingUp(): boolean {
    return this._applications.some(app => COMING_UP.has(app.state));
  }

  /** The cluster open in the panel, or null for the list. */
  get opened(): ClusterModel | null {
    return this._opened;
  }

  /** The switch: active clusters only, or all of them (terminated ones too). */
  async showAll(all: boolean): Promise<void> {
    const states: ClusterStates = all ? 'all' : 'active';
    if (states === this._states) {
      return;
    }
    this._states = states;
    await this.firstPage();
  }

  /** The clusters page shown, the applications and the open cluster, again; `fresh` (a
   * person's Refresh) asks past the lists the server shares between tabs. */
  async refresh(fresh = false): Promise<void> {
    await Promise.all([
      this.loadPage(this.pager.current, fresh),
      this.refreshApplications(fresh),
      this._opened?.load()
    ]);
  }

  /** Show one cluster: its detail is read now, its path checked when asked. */
  open(cluster: EmrCluster): ClusterModel {
    if (this._opened?.id !== cluster.id) {
      this._opened?.dispose();
      this._opened = new ClusterModel({
        api: this.api,
        summary: cluster,
        target: this.target
      });
      this._opened.changed.connect(() => this.emit());
      void this._opened.load();
    }
    this.emit();
    return this._opened;
  }

  /**
   * Show the cluster with id `id` (a link names only its id): its detail is read first,
   * then it opens as from the list. The list need not have it (another page, terminated).
   */
  async openById(id: string): Promise<ClusterModel> {
    if (this._opened?.id === id) {
      return this._opened;
    }
    const detail = await this.api.cluster(id);
    return this.open(detail);
  }

  /** The cluster last closed: the list puts the keyboard back on it. */
  get closedId(): string | null {
    return this._closedId;
  }

  /** Back to the list. */
  close(): void {
    this._closedId = this._opened?.id ?? null;
    this._opened?.dispose();
    this._opened = null;
    this.emit();
  }

  // Read beside the clusters, not through `request`: one must not drop the other's answer.
  async refreshApplications(fresh = false): Promise<void> {
    try {
      const list = await this.api.serverless(fresh);
      this._applications = list.applications;
      this._applicationsFetched = { fetched_at: list.fetched_at, notice: list.notice };
      this._applicationsError = null;
    } catch (error) {
      this._applicationsError = messageOf(
        error,
        'The EMR Serverless applications could not be read.'
      );
    }
    this._applicationsLoaded = true;
    this.emit();
  }

  async start(id: string): Promise<void> {
    if (this._startsSent.has(id)) {
      return;
    }
    this._startsSent.add(id);
    this._applicationsError = null;
    this.emit();
    try {
      const { application } = await this.api.startServerless(id);
      this._applications = this._applications.map(app =>
        app.id === id ? application : app
      );
    } catch (error) {
      this._applicationsError = messageOf(
        error,
        `The EMR Serverless application ${id} could not be started.`
      );
    } finally {
      this._startsSent.delete(id);
      this.emit();
    }
  }

  dispose(): void {
    this._opened?.dispose();
    this._opened = null;
    super.dispose();
  }

  protected fetchPage(cursor: string | null, refresh: boolean): Promise<EmrClusterList> {
    return this.api.clusters(this._states, cursor, refresh);
  }

  protected itemsOf(page: EmrClusterList): EmrCluster[] {
    return page.clusters;
  }

  protected readonly failure = 'The EMR clusters could not be read.';

  private _states: ClusterStates = 'active';
  private _applicationsFetched: IFetched | null = null;
  private _applications: EmrServerlessApplication[] = [];
  private _applicationsLoaded = false;
  private _applicationsError: string | null = null;
  private _startsSent = new Set<string>();
  private _opened: ClusterModel | null = null;
  private _closedId: string | null = null;
}

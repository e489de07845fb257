// The specs' shared set-up (not part of the extension's build): a server for the typed
// calls, a model's API that answers only what a test gives, and the records and stores
// that several specs build.
import { ServerConnection } from '@jupyterlab/services';
import { Signal } from '@lumino/signaling';

import type {
  EmrCluster,
  RegistryGroup,
  RegistryVersion,
  RegistryVersionDetail,
  Run,
  RunList
} from './generated/api-types';
import { ICellTarget } from './emr/cluster';
import { IChoiceStore } from './experiments/runs';
import { IColumnChoice, NO_CHOICE } from './experiments/sheet';
import { DSWSApiError } from './request';

/** A request as the server received it (the body read as JSON, null when empty). */
export interface IAsked {
  url: string;
  method: string;
  body: unknown;
}

/**
 * Settings for `requestAPI` whose server at `baseUrl` is `respond`: `asked` records each
 * request, without the cache buster ServerConnection adds to a GET ("?1795627601794").
 */
export function settingsResponding(
  respond: (request: Request) => Promise<Response>,
  baseUrl = 'http://localhost:8888/'
): { settings: ServerConnection.ISettings; asked: IAsked[] } {
  const asked: IAsked[] = [];
  const settings = ServerConnection.makeSettings({
    baseUrl,
    fetch: async (input: RequestInfo) => {
      const request = input as Request;
      const text = await request.clone().text();
      asked.push({
        url: request.url.replace(/[?&]\d{10,}$/, ''),
        method: request.method,
        body: text ? JSON.parse(text) : null
      });
      return respond(request);
    }
  });
  return { settings, asked };
}

/** Settings whose server answers every request with `status` and the JSON `body`. */
export function settingsAnswering(status: number, body: unknown) {
  return settingsResponding(
    async () =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' }
      })
  );
}

/**
 * The calls of a model's API (its SERVER_API), each failing the test unless `given`
 * answers it: the model under test reaches no server, and a call the test did not expect
 * says its name.
 */
export function answeringOnly<T extends object>(all: T, given: Partial<T>): T {
  const failing = Object.keys(all).map(name => [
    name,
    () => {
      throw new Error(`${name} was not expected in this test`);
    }
  ]);
  return { ...Object.fromEntries(failing), ...given } as T;
}

/** An API call that the server refuses: its error as `requestAPI` raises it. */
export function refusing(
  code: string,
  message: string,
  status: number,
  body: Record<string, unknown> = {}
) {
  return async (): Promise<never> => {
    throw new DSWSApiError(code, message, status, body);
  };
}

/** An answer's age fields as a server without shared reads sends them. */
export const UNSHARED = { fetched_at: null, notice: null };

/** A finished MLflow run of experiment 1, with nothing logged unless `over` says. */
export function run(id: string, over: Partial<Run> = {}): Run {
  return {
    id,
    name: `run-${id}`,
    experiment_id: '1',
    status: 'FINISHED',
    start: null,
    end: null,
    user: null,
    source: null,
    params: {},
    metrics: {},
    tags: {},
    registered: [],
    ...over
  };
}

/** A page of an experiment's runs: its one param, seed, and its one metric, acc. */
export function runPage(runs: Run[], next: string | null = null): RunList {
  return {
    runs,
    params: ['seed'],
    metrics: ['acc'],
    directions: { acc: 'up' },
    next,
    ...UNSHARED
  };
}

/** A runs sheet's column choices kept in memory, as the browser keeps them. */
export function memoryChoices(): IChoiceStore & { saved: Record<string, IColumnChoice> } {
  const saved: Record<string, IColumnChoice> = {};
  return { saved, load: id => saved[id] ?? NO_CHOICE, save: (id, c) => (saved[id] = c) };
}

/** The account of the registry records. */
export const ARN = 'arn:aws:sagemaker:eu-central-1:123456789012';

/** A model package group of one approved version, as the registry lists it. */
export function modelGroup(name: string): RegistryGroup {
  return {
    name,
    arn: `${ARN}:model-package-group/${name}`,
    description: null,
    created: null,
    versions_count: 1,
    last_modified: null,
    latest_version: 1,
    latest_status: 'Approved',
    latest_approved_version: 1
  };
}

/** Version `n` of the group owls, waiting for review, with one param and one metric. */
export function modelVersion(
  n: number,
  over: Partial<RegistryVersion> = {}
): RegistryVersion {
  return {
    group: 'owls',
    version: n,
    arn: `${ARN}:model-package/owls/${n}`,
    status: 'PendingManualApproval',
    created: null,
    created_by: null,
    registered_by: null,
    description: null,
    approval_description: null,
    params: { p: String(n) },
    metrics: { mae: 5 - n },
    metrics_std: {},
    metrics_error: null,
    ...over
  };
}

/** A registry version's detail as the server sends it, with no image, lineage or history. */
export function versionDetail(
  version: RegistryVersion,
  over: Partial<RegistryVersionDetail> = {}
): RegistryVersionDetail {
  return {
    ...version,
    image: null,
    model_data_url: null,
    training_job: null,
    lineage: {},
    approval_history: [],
    status_set_by: null,
    status_set_by_person: null,
    snippets: { load: '', deploy: '' },
    ...UNSHARED,
    ...over
  };
}

/** A waiting EMR cluster with Spark and Livy, no auth. */
export function emrCluster(id: string, over: Partial<EmrCluster> = {}): EmrCluster {
  return {
    id,
    name: `cluster-${id}`,
    state: 'WAITING',
    release: 'emr-7.5.0',
    applications: ['Spark', 'Livy'],
    auth: 'none',
    livy_port: 8998,
    created: '2026-12-06T01:00:00Z',
    primary_dns: 'ip-10-0-0-1.ec2.internal',
    ...over
  };
}

/** A notebook that records the cells it was given. */
export class FakeNotebook implements ICellTarget {
  cells: string[] = [];
  current: string | null = 'spark.ipynb';
  changed = new Signal<this, void>(this);
  ranOk = true;

  async run(cell: string, started: (path: string) => void): Promise<boolean> {
    if (this.current === null) {
      this.current = 'Untitled.ipynb';
    }
    this.cells.push(cell);
    started(`work/${this.current}`);
    return this.ranOk;
  }
}

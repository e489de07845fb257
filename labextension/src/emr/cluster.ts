import { ISignal } from '@lumino/signaling';

import type { EmrCluster, EmrClusterDetail, EmrPathCheck } from '../generated/api-types';
import { messageOf } from '../ui/errors';
import { ReadingModel } from '../ui/requesting';
import { AuthType, IEmrApi } from './api';

/**
 * Where Connect puts the cell the server writes: the current notebook (notebook.ts), a
 * list in the tests.
 */
export interface ICellTarget {
  /** The notebook the cell would go into now ("Untitled.ipynb"), or null when none is open. */
  readonly current: string | null;
  /** The current notebook changed. */
  readonly changed: ISignal<unknown, void>;
  /**
   * Insert `cell` and run it: `started` gets the notebook's path once the cell is in;
   * resolves when it ran, true when without an error.
   */
  run(cell: string, started: (path: string) => void): Promise<boolean>;
}

/** How each auth type reads in the panel. */
export const AUTH_LABEL: Record<AuthType, string> = {
  none: 'None',
  ldap: 'LDAP (user name and password)',
  kerberos: 'Kerberos',
  runtime_role: 'Runtime roles (IAM)'
};

/**
 * The path check says Livy is still coming up (the demo's Spark starts in the
 * background): every step before it passed, and Livy's own answer says "starting".
 */
export function livyStarting(result: EmrPathCheck | null): boolean {
  const checks = result?.checks ?? [];
  const livy = checks.find(check => check.name === 'livy');
  return (
    !!livy &&
    !livy.ok &&
    /\bstarting\b/i.test(livy.detail) &&
    checks.every(check => check === livy || check.ok)
  );
}

/** What keeps Connect from being sent, in plain words; null when nothing does. */
export function connectBlocked(
  auth: AuthType,
  roles: readonly string[] | null,
  role: string | null
): string | null {
  if (auth !== 'runtime_role') {
    return null;
  }
  if (roles === null) {
    return 'Reading the runtime roles you may use…';
  }
  if (roles.length === 0) {
    return (
      'This cluster takes runtime roles, and none is set up for you: your admin adds ' +
      "them to your user profile's (or the domain's) EmrSettings."
    );
  }
  return role ? null : 'Choose the runtime role the Spark jobs run as.';
}

export namespace ClusterModel {
  export interface IOptions {
    api: IEmrApi;
    /** The list's line: shown while the detail is read. */
    summary: EmrCluster;
    target: ICellTarget;
  }
}

/** One cluster opened in the panel: its detail, the path check, Connect. */
export class ClusterModel extends ReadingModel {
  constructor(options: ClusterModel.IOptions) {
    super();
    this._api = options.api;
    this._summary = options.summary;
    this._target = options.target;
  }

  get id(): string {
    return this._summary.id;
  }

  /** The detail once read; the list's line until then. */
  get cluster(): EmrCluster {
    return this._detail ?? this._summary;
  }

  get detail(): EmrClusterDetail | null {
    return this._detail;
  }

  get target(): ICellTarget {
    return this._target;
  }

  // The path check

  get checking(): boolean {
    return this._checking;
  }

  get checkResult(): EmrPathCheck | null {
    return this._checkResult;
  }

  get checkError(): string | null {
    return this._checkError;
  }

  /** The last check found Livy still starting: the panel checks again a little later. */
  get starting(): boolean {
    return livyStarting(this._checkResult);
  }

  // Connect

  get auth(): AuthType {
    return this.cluster.auth;
  }

  /** The runtime roles to choose from, once the detail is read. */
  get roles(): string[] | null {
    return this._detail ? this._detail.runtime_roles : null;
  }

  get role(): string | null {
    return this._role;
  }

  set role(arn: string | null) {
    this._role = arn;
    this.emit();
  }

  get blocked(): string | null {
    return connectBlocked(this.auth, this.roles, this._role);
  }

  get connecting(): boolean {
    return this._connecting;
  }

  get connectError(): string | null {
    return this._connectError;
  }

  /** The notebook the last Connect put its cell in. */
  get connectedIn(): string | null {
    return this._connectedIn;
  }

  /** The last connect cell ran to its end: true without an error, null while it runs. */
  get connectRan(): boolean | null {
    return this._connectRan;
  }

  async load(): Promise<void> {
    await this.read(
      () => this._api.cluster(this.id),
      detail => {
        this._detail = detail;
        const roles = detail.runtime_roles;
        if (!this._role || !roles.includes(this._role)) {
          this._role = roles[0] ?? null;
        }
      },
      `The cluster ${this.id} could not be read.`
    );
  }

  /** Each step of the way from this space to the cluster's Livy, in order. */
  async check(): Promise<void> {
    if (this._checking) {
      return;
    }
    this._checking = true;
    this._checkError = null;
    this.emit();
    try {
      const result = await this._api.check(this.id);
      if (!this.isDisposed) {
        this._checkResult = result;
      }
    } catch (error) {
      this._checkError = messageOf(error, 'The path could not be checked.');
    } finally {
      this._checking = false;
      this.emit();
    }
  }

  /**
   * Ask the server for the connect cell of this cluster's auth and run it in the current
   * notebook (a new one when none is open).
   */
  async connect(): Promise<void> {
    if (this._connecting || this.blocked) {
      return;
    }
    this._connecting = true;
    this._connectError = null;
    this._connectedIn = null;
    this._connectRan = null;
    this.emit();
    try {
      const { cell } = await this._api.connect(this.id, {
        auth: this.auth,
        execution_role_arn: this.auth === 'runtime_role' ? this._role : null
      });
      const ran = await this._target.run(cell, path => {
        this._connectedIn = path;
        this.emit();
      });
      this._connectRan = ran;
    } catch (error) {
      this._connectError = messageOf(
        error,
        error instanceof NotebookError
          ? error.message
          : `The connect cell for ${this.cluster.name} could not be run.`
      );
    } finally {
      this._connecting = false;
      this.emit();
    }
  }

  private _api: IEmrApi;
  private _summary: EmrCluster;
  private _target: ICellTarget;
  private _detail: EmrClusterDetail | null = null;
  private _checking = false;
  private _checkResult: EmrPathCheck | null = null;
  private _checkError: string | null = null;
  private _role: string | null = null;
  private _connecting = false;
  private _connectError: string | null = null;
  private _connectedIn: string | null = null;
  private _connectRan: boolean | null = null;
}

/** A failure on the notebook's side, in words a person can act on. */
export class NotebookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotebookError';
  }
}

import { Debouncer } from '@lumino/polling';

import type {
  CurrentInstance,
  InstanceCatalog,
  Recommendations,
  SwitchAccepted,
  WorkloadRequest
} from '../generated/api-types';
import { messageOf } from '../ui/errors';
import { RequestingModel } from '../ui/requesting';
import { fetchCatalog, fetchCurrent, recommend, switchInstance } from './api';
import {
  EMPTY_FORM,
  FormField,
  IWorkloadForm,
  refusalText,
  workloadFrom
} from './workload';

export {
  EMPTY_FORM,
  MODEL_FAMILIES,
  refusalText,
  switchBlocked,
  workloadFrom
} from './workload';
export type { FormField, IWorkloadForm, WorkloadParse } from './workload';

/** The server calls the sidebar makes; tests pass their own. */
export interface IInstancesApi {
  catalog(): Promise<InstanceCatalog>;
  current(): Promise<CurrentInstance>;
  recommend(workload: WorkloadRequest): Promise<Recommendations>;
  switch(instanceType: string): Promise<SwitchAccepted>;
}

const SERVER_API: IInstancesApi = {
  catalog: () => fetchCatalog(),
  current: () => fetchCurrent(),
  recommend: workload => recommend(workload),
  switch: instanceType => switchInstance(instanceType)
};

/** What the person reads after asking for a switch. */
export interface ISwitchOutcome {
  kind: 'started' | 'refused';
  message: string;
}

export namespace InstancesModel {
  export interface IOptions {
    api?: Partial<IInstancesApi>;
    /** Saves every open document with unsaved changes (JupyterLab's "Save All"). */
    saveAll: () => Promise<unknown>;
    /** Asks the person to confirm a switch (the stop of this app) to `instanceType`. */
    confirm: (instanceType: string, current: CurrentInstance) => Promise<boolean>;
    /** How long the form must be still before recommendations are asked for. */
    debounceMs?: number;
  }
}

/**
 * The sidebar's state: the instance this space runs on, the workload form, the live
 * recommendations for it, and a switch to one of them.
 */
export class InstancesModel extends RequestingModel {
  constructor(options: InstancesModel.IOptions) {
    super();
    this._api = { ...SERVER_API, ...options.api };
    this._saveAll = options.saveAll;
    this._confirm = options.confirm;
    this._recommendLater = new Debouncer((workload: WorkloadRequest) => {
      this._pending = false;
      return this._recommend(workload);
    }, options.debounceMs ?? 400);
  }

  get current(): CurrentInstance | null {
    return this._current;
  }

  get currentError(): string | null {
    return this._currentError;
  }

  /** The catalog's facts the sidebar shows: idle timeout, free tier. */
  get catalog(): InstanceCatalog | null {
    return this._catalog;
  }

  get form(): IWorkloadForm {
    return this._form;
  }

  get formErrors(): Partial<Record<FormField, string>> {
    const parsed = workloadFrom(this._form);
    return parsed.ok ? {} : parsed.errors;
  }

  get result(): Recommendations | null {
    return this._result;
  }

  /** The server's refusal of the workload (a 400 names the field), or a failure. */
  get recommendError(): string | null {
    return this._recommendError;
  }

  /** True from a change of the form until its recommendations arrive. */
  get recommending(): boolean {
    return this._pending || this.loading;
  }

  get switching(): boolean {
    return this._switching;
  }

  get switchOutcome(): ISwitchOutcome | null {
    return this._switchOutcome;
  }

  /** Read the current instance and the catalog's facts. */
  async refresh(): Promise<void> {
    await Promise.all([this._loadCurrent(), this._loadCatalog()]);
  }

  /** Change some fields; recommendations follow once the form is still. */
  update(change: Partial<IWorkloadForm>): void {
    this._form = { ...this._form, ...change };
    const parsed = workloadFrom(this._form);
    if (!parsed.ok || !parsed.workload.model) {
      void this._recommendLater.stop();
      this._pending = false;
      this.drop(); // an answer still on its way is for another form
      this._result = null;
      this._recommendError = null;
      this.emit();
      return;
    }
    this._pending = true;
    this.emit();
    this._recommendLater.invoke(parsed.workload).catch(() => undefined);
  }

  /**
   * Switch this space to `instanceType`: confirm, save every document, then ask the
   * server, which sets the type for the next start and stops this app.
   */
  async switchTo(instanceType: string): Promise<ISwitchOutcome | null> {
    let current = this._current;
    if (!current || this._switching) {
      return null;
    }
    // Who is connected now, for the confirmation (a shared space's switch stops it for all).
    try {
      current = this._current = await this._api.current();
    } catch {
      // The last answer still says which space and type; only the people may be stale.
    }
    if (!(await this._confirm(instanceType, current))) {
      return null;
    }
    this._switching = true;
    this._switchOutcome = null;
    this.emit();
    try {
      try {
        await this._saveAll();
      } catch {
        // A document that cannot be saved must not be lost to the stop.
        return this._outcome({
          kind: 'refused',
          message:
            'Not switched: some documents could not be saved. Save or close them, then try again.'
        });
      }
      const started = await this._api.switch(instanceType);
      return this._outcome({ kind: 'started', message: started.message });
    } catch (error) {
      return this._outcome({
        kind: 'refused',
        message: refusalText(error, instanceType)
      });
    } finally {
      this._switching = false;
      this.emit();
    }
  }

  dismissSwitchOutcome(): void {
    this._switchOutcome = null;
    this.emit();
  }

  dispose(): void {
    this._recommendLater.dispose();
    super.dispose();
  }

  private _outcome(outcome: ISwitchOutcome): ISwitchOutcome {
    this._switchOutcome = outcome;
    return outcome;
  }

  /** Only the answer for the last form sent is shown. */
  private _recommend(workload: WorkloadRequest): Promise<void> {
    return this.request(
      () => this._api.recommend(workload),
      result => {
        this._result = result;
        this._recommendError = null;
      },
      error => {
        this._result = null;
        this._recommendError = messageOf(error, 'The recommendations could not be read.');
      }
    );
  }

  private async _loadCurrent(): Promise<void> {
    try {
      this._current = await this._api.current();
      this._currentError = null;
    } catch (error) {
      this._currentError = messageOf(error, 'The current instance could not be read.');
    }
    this.emit();
  }

  private async _loadCatalog(): Promise<void> {
    try {
      this._catalog = await this._api.catalog();
      this.emit();
    } catch {
      // Only the idle timeout and free-tier note come from here; the catalog tab says
      // why it cannot load.
    }
  }

  private _api: IInstancesApi;
  private _saveAll: () => Promise<unknown>;
  private _confirm: InstancesModel.IOptions['confirm'];
  /** Recommends for the form once it has been still for `debounceMs`. */
  private _recommendLater: Debouncer<void, unknown, [WorkloadRequest]>;
  private _current: CurrentInstance | null = null;
  private _currentError: string | null = null;
  private _catalog: InstanceCatalog | null = null;
  private _form: IWorkloadForm = EMPTY_FORM;
  private _result: Recommendations | null = null;
  private _recommendError: string | null = null;
  private _pending = false;
  private _switching = false;
  private _switchOutcome: ISwitchOutcome | null = null;
}

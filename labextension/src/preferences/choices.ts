/**
 * Where a runs sheet keeps its columns: the person's own preferences on the server (in a
 * shared space everyone has one HOME and one JupyterLab settings folder, so a choice kept
 * there would be everyone's). What this browser kept before (localStorage) still counts
 * until the person chooses again.
 */
import type { IChoiceStore } from '../experiments/runs';
import { IColumnChoice } from '../experiments/sheet';
import { IPreferencesApi, SERVER_PREFERENCES } from './api';

export class PersonalChoices implements IChoiceStore {
  constructor(
    /** What this browser kept before, and the fallback when the server cannot keep it. */
    private readonly _local: IChoiceStore,
    private readonly _api: IPreferencesApi = SERVER_PREFERENCES
  ) {}

  /** The person's choice for an experiment (read from the server once per page). */
  async load(experimentId: string): Promise<IColumnChoice> {
    const kept = await this._all();
    return kept?.[experimentId] ?? this._local.load(experimentId);
  }

  save(experimentId: string, choice: IColumnChoice): void {
    void this._all().then(kept => {
      if (kept) {
        kept[experimentId] = choice;
      }
    });
    // The next sheet of this experiment in this page reads it from here.
    this._api.change({ run_columns: { [experimentId]: choice } }).catch(() => {
      this._local.save(experimentId, choice);
    });
  }

  private _all(): Promise<Record<string, IColumnChoice> | null> {
    if (!this._kept) {
      this._kept = this._api.get().then(
        answer => ({ ...answer.preferences.run_columns }),
        () => null // an older server, or none reachable: this browser's choices
      );
    }
    return this._kept;
  }

  private _kept: Promise<Record<string, IColumnChoice> | null> | null = null;
}

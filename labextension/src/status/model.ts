import { Poll } from '@lumino/polling';

import type { Status } from '../generated/api-types';
import { ReadingModel } from '../ui/requesting';
import { fetchStatus } from './api';

export namespace StatusModel {
  export interface IOptions {
    /** How often to re-check, in seconds. */
    refreshSeconds: number;
    /**
     * Where the status comes from; the server's route by default. `fresh`: a person asked,
     * so the server asks AWS again rather than answer what it shares between tabs.
     */
    load?: (fresh: boolean) => Promise<Status>;
  }
}

/**
 * The workspace status, kept fresh by a poll that rests while the page is hidden
 * and backs off while the server cannot be reached. Only the answer to the last check
 * is shown: a slow poll's answer does not replace a "Check again" sent after it. `error`
 * says why the last check failed to reach the server at all (AWS errors are in `status`).
 */
export class StatusModel extends ReadingModel {
  constructor(options: StatusModel.IOptions) {
    super();
    this._load = options.load ?? (fresh => fetchStatus(undefined, { refresh: fresh }));
    this._poll = new Poll({
      auto: false,
      factory: () => this._tick(),
      frequency: {
        interval: options.refreshSeconds * 1000,
        backoff: true,
        max: 10 * 60 * 1000
      },
      name: 'jupyter_dsws:status',
      standby: 'when-hidden'
    });
  }

  /** The last status the server sent, or null before the first answer. */
  get status(): Status | null {
    return this._status;
  }

  /** Start polling; the first check runs at once. */
  start(): Promise<void> {
    void this._poll.start();
    return this.refresh();
  }

  /** Check now, and wait for the answer; `fresh`: a person's "Check again". */
  async refresh(fresh = false): Promise<void> {
    this._fresh = this._fresh || fresh;
    await this._poll.refresh();
    await this._poll.tick;
  }

  set refreshSeconds(seconds: number) {
    this._poll.frequency = {
      ...this._poll.frequency,
      interval: Math.max(1, seconds) * 1000
    };
  }

  dispose(): void {
    this._poll.dispose();
    super.dispose();
  }

  private _tick(): Promise<void> {
    const fresh = this._fresh;
    this._fresh = false;
    return this.read(
      () => this._load(fresh),
      status => {
        this._status = status;
      },
      'The workspace status could not be read.',
      error => {
        throw error; // lets the poll back off
      }
    );
  }

  private _load: (fresh: boolean) => Promise<Status>;
  private _fresh = false;
  private _poll: Poll;
  private _status: Status | null = null;
}

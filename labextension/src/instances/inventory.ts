import type { Inventory, InventoryRequest } from '../generated/api-types';
import { InvalidCsvError, Preference, recommendInventory } from './api';
import { messageOf } from '../ui/errors';
import { RequestingModel } from '../ui/requesting';

/** A problem with the file, where it is when the server said so. */
export interface IInventoryProblem {
  message: string;
  line: number | null;
  column: string | null;
}

/** "Line 3, column Memory: …", unless the message says where already. */
export function describeProblem(problem: IInventoryProblem): string {
  if (
    problem.line !== null &&
    new RegExp(`\\bline ${problem.line}\\b`, 'i').test(problem.message)
  ) {
    return problem.message;
  }
  const where = [
    problem.line !== null ? `Line ${problem.line}` : null,
    problem.column !== null ? `column ${problem.column}` : null
  ]
    .filter(Boolean)
    .join(', ');
  return where ? `${where}: ${problem.message}` : problem.message;
}

export namespace InventoryModel {
  export interface IOptions {
    /** The server call; tests pass their own. */
    recommend?: (request: InventoryRequest) => Promise<Inventory>;
  }
}

/** The team inventory tab: the CSV text, and the recommendations for its rows. */
export class InventoryModel extends RequestingModel {
  constructor(options: InventoryModel.IOptions = {}) {
    super();
    this._recommend = options.recommend ?? (request => recommendInventory(request));
  }

  get csv(): string {
    return this._csv;
  }

  set csv(value: string) {
    this._csv = value;
    this.emit();
  }

  get preference(): Preference {
    return this._preference;
  }

  /** A new preference recommends again for the rows already shown. */
  set preference(value: Preference) {
    this._preference = value;
    this.emit();
    if (this._result) {
      void this.submit();
    }
  }

  /** The name of the file the CSV came from, if it came from one. */
  get fileName(): string | null {
    return this._fileName;
  }

  get result(): Inventory | null {
    return this._result;
  }

  get problem(): IInventoryProblem | null {
    return this._problem;
  }

  /** Take a file's text (read in the browser) and recommend for it at once. */
  async loadFile(name: string, text: string): Promise<void> {
    this._fileName = name;
    this._csv = text;
    await this.submit();
  }

  async submit(): Promise<void> {
    if (!this._csv.trim()) {
      this._result = null;
      this._problem = {
        message: 'Paste the inventory CSV or choose a file first.',
        line: null,
        column: null
      };
      this.emit();
      return;
    }
    this._problem = null; // shown as gone while the new answer is awaited
    await this.request(
      () => this._recommend({ csv: this._csv, preference: this._preference }),
      result => {
        this._result = result;
      },
      error => {
        this._result = null;
        this._problem =
          error instanceof InvalidCsvError
            ? { message: error.message, line: error.line, column: error.column }
            : {
                message: messageOf(
                  error,
                  'The inventory could not be sent to the server.'
                ),
                line: null,
                column: null
              };
      }
    );
  }

  private _recommend: (request: InventoryRequest) => Promise<Inventory>;
  private _csv = '';
  private _preference: Preference = 'balanced';
  private _fileName: string | null = null;
  private _result: Inventory | null = null;
  private _problem: IInventoryProblem | null = null;
}

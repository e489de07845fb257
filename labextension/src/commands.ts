import { JupyterFrontEnd } from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { ReadonlyJSONObject } from '@lumino/coreutils';

/** What `app.commands.addCommand` takes (without a dependency on @lumino/commands). */
type CommandOptions = Parameters<JupyterFrontEnd['commands']['addCommand']>[1];

/**
 * The command palette's category for every command of ours: searching the palette for
 * "Data Science" or "dsws" (a fuzzy match of D·ata S·cience W·orkspace) finds them all.
 */
export const PALETTE_CATEGORY = 'Data Science Workspace';

/** Opens the getting-started guide (gettingstarted.ts): the panels' empty states link to it. */
export const GETTING_STARTED_COMMAND = 'dsws:getting-started';

/**
 * Adds our commands: each with a label, and in the command palette under our category
 * (once per `inPalette` entry: the arguments it runs with there).
 */
export class Commands {
  constructor(
    private readonly _app: JupyterFrontEnd,
    private readonly _palette: ICommandPalette | null
  ) {}

  add(
    id: string,
    options: CommandOptions & { label: NonNullable<CommandOptions['label']> },
    inPalette: ReadonlyJSONObject[] = [{}]
  ): void {
    this._app.commands.addCommand(id, options);
    for (const args of inPalette) {
      this._palette?.addItem({ command: id, category: PALETTE_CATEGORY, args });
    }
  }
}

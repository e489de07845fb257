/**
 * Where a newcomer finds the workspace: a "Data Science Workspace" card in the Launcher
 * and a Help-menu entry (schema/plugin.json), both opening the getting-started guide
 * (docs/getting-started.md, shipped with the extension): what each panel is for, the three
 * how-tos, and buttons that copy the example notebooks into the workspace.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { ILauncher } from '@jupyterlab/launcher';

import { Commands, GETTING_STARTED_COMMAND } from './commands';
import { OPEN_GUIDE_COMMAND } from './guides';
import { workspaceIcon } from './icons';

export { GETTING_STARTED_COMMAND };

export function addGettingStarted(
  app: JupyterFrontEnd,
  commands: Commands,
  launcher: ILauncher | null
): void {
  commands.add(GETTING_STARTED_COMMAND, {
    // The Launcher's card says whose it is; the menu says what it opens.
    label: args =>
      args.isLauncher
        ? 'Data Science Workspace'
        : 'Getting Started with the Data Science Workspace',
    caption:
      'What each panel is for, how to add an experiment or a model and choose an instance, ' +
      'and the example notebooks to copy',
    icon: workspaceIcon,
    execute: () => app.commands.execute(OPEN_GUIDE_COMMAND, { guide: 'getting-started' })
  });
  launcher?.add({ command: GETTING_STARTED_COMMAND, category: 'Other', rank: 0 });
}

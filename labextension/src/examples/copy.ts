import { JupyterFrontEnd } from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';

import { copyExample } from './api';

export const COPY_EXAMPLE_COMMAND = 'dsws:copy-example';

/**
 * Copies an example notebook into the file browser's current folder (the server never
 * overwrites a file: the copy may get a new name) and opens it; the outcome is a
 * notification.
 */
export async function copyAndOpen(
  app: JupyterFrontEnd,
  fileBrowser: IDefaultFileBrowser | null,
  name: string
): Promise<string | null> {
  const directory = fileBrowser?.model.path ?? '';
  try {
    const copied = await copyExample(name, directory);
    await app.commands.execute('docmanager:open', { path: copied.path });
    Notification.success(
      `Copied ${name} to ${copied.path}: run it with Run → Run All Cells.`,
      {
        autoClose: 5000
      }
    );
    return copied.path;
  } catch (error) {
    Notification.error(`Could not copy ${name}: ${(error as Error).message}`, {
      autoClose: false
    });
    return null;
  }
}

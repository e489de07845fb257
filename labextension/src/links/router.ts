import { IRouter, JupyterFrontEnd } from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';

import { describeLink, parseLink, VIEW_PARAM, ViewLink, withoutLink } from './link';
import { commandOf } from './views';

/** Opens the view a link of ours names (the router runs it; its args are the location). */
export const OPEN_LINK_COMMAND = 'dsws:open-link';

/**
 * Opening `<base>lab?dsws=…` (or a `/lab/…` path with it, a workspace's, a tree's) runs
 * OPEN_LINK_COMMAND through JupyterLab's router, as its own `/lab/tree/…` does: once the
 * layout is restored, the view opens in front and our parameters leave the address.
 */
export function addLinkRoute(app: JupyterFrontEnd, router: IRouter | null): void {
  app.commands.addCommand(OPEN_LINK_COMMAND, {
    label: 'Open a Data Science Workspace link',
    execute: async args => {
      const search =
        typeof args.search === 'string' ? args.search : window.location.search;
      const link = parseLink(search);
      if (!link) {
        if (new URLSearchParams(search).has(VIEW_PARAM)) {
          Notification.warning('This Data Science Workspace link is incomplete.', {
            autoClose: 8000
          });
        }
        return;
      }
      await app.restored;
      forgetLinkInAddress();
      await openLink(app, link);
    }
  });
  router?.register({ command: OPEN_LINK_COMMAND, pattern: /[?&]dsws=/ });
}

/** Shows a link's view; says so when its panel is off in this space. */
export async function openLink(app: JupyterFrontEnd, link: ViewLink): Promise<void> {
  const { command, args, panel } = commandOf(link);
  if (!app.commands.hasCommand(command)) {
    Notification.warning(
      `This link shows ${describeLink(link)} in the ${panel} panel, which is turned off in this space.`,
      { autoClose: 8000 }
    );
    return;
  }
  await app.commands.execute(command, args);
}

/** A reload shows the restored layout rather than opening the link again. */
function forgetLinkInAddress(): void {
  const url = new URL(window.location.href);
  url.search = withoutLink(url.search);
  window.history.replaceState(window.history.state, '', url.toString());
}

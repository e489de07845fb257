import { IRouter, JupyterFrontEnd } from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { ReadonlyJSONObject } from '@lumino/coreutils';

import { describeLink, parseLink, VIEW_PARAM, ViewLink, withoutLink } from './link';

/** Opens the view a link of ours names (the router runs it; its args are the location). */
export const OPEN_LINK_COMMAND = 'dsws:open-link';

/** The Models tabs' command (registry/feature.ts) and the Experiments tabs' one. */
const MODELS_OPEN = 'dsws:registry-open';
const EXPERIMENTS_OPEN = 'dsws:experiments-open';
/** Opens a cluster in the EMR panel and checks its path (emr/feature.ts). */
export const EMR_CHECK_COMMAND = 'dsws:emr-check';

/** The command that shows a link's view, its arguments and the panel it belongs to. */
export function commandOf(link: ViewLink): {
  command: string;
  args: ReadonlyJSONObject;
  panel: string;
} {
  switch (link.view) {
    case 'models-group':
      return {
        command: MODELS_OPEN,
        args: { kind: 'group', group: link.group, status: link.status },
        panel: 'Models'
      };
    case 'models-version':
      return {
        command: MODELS_OPEN,
        args: { kind: 'version', group: link.group, version: link.version },
        panel: 'Models'
      };
    case 'models-compare':
      return {
        command: MODELS_OPEN,
        args: { kind: 'compare', arns: link.arns },
        panel: 'Models'
      };
    case 'runs':
      return {
        command: EXPERIMENTS_OPEN,
        args: {
          kind: 'runs',
          id: link.experiment,
          name: link.name,
          view: link.runs as unknown as ReadonlyJSONObject
        },
        panel: 'Experiments'
      };
    case 'runs-compare':
      return {
        command: EXPERIMENTS_OPEN,
        args: { kind: 'compare', runs: link.runs, experiment: link.experiment },
        panel: 'Experiments'
      };
    case 'emr-check':
      return {
        command: EMR_CHECK_COMMAND,
        args: { cluster: link.cluster },
        panel: 'EMR'
      };
  }
}

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

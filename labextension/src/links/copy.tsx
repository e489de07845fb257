import { Clipboard, Notification } from '@jupyterlab/apputils';
import { PageConfig } from '@jupyterlab/coreutils';
import { Button, linkIcon } from '@jupyterlab/ui-components';
import * as React from 'react';

import { linkUrl, ViewLink } from './link';

/**
 * JupyterLab's page for links, as its own "Copy Shareable Link" makes it: below the
 * server's base URL (Studio's `/jupyterlab/default/`, a space's path; the share URL a hub
 * sets), the default workspace, no file.
 */
export function appUrl(): string {
  return PageConfig.getUrl({
    toShare: true,
    mode: 'multiple-document',
    workspace: PageConfig.defaultWorkspace,
    treePath: ''
  });
}

/** The link to `link` on this server. */
export function urlOf(link: ViewLink): string {
  return linkUrl(appUrl(), link);
}

/**
 * Puts the link on the clipboard (the Clipboard API; JupyterLab's copy where the page may
 * not use it, e.g. served over plain HTTP) and says so.
 */
export async function copyLink(link: ViewLink): Promise<string> {
  const url = urlOf(link);
  try {
    await navigator.clipboard.writeText(url);
  } catch {
    Clipboard.copyToSystem(url);
  }
  Notification.success('Link copied', { autoClose: 3000 });
  return url;
}

/** "Copy link" in a view's toolbar: the view as it is now, for a teammate to open. */
export function CopyLinkButton(props: {
  /** The view now (read at the click, so it has the filter and columns of the moment). */
  link: () => ViewLink;
  /** What the view is, for the button's accessible name ("Copy a link to …"). */
  what: string;
}): JSX.Element {
  return (
    <Button
      className="jp-mod-styled jp-mod-reject jp-dsws-button jp-dsws-copy-link"
      aria-label={`Copy a link to ${props.what}`}
      title="Copy a link that opens this view for a teammate in this space (or another space of the domain with the same data). It holds no token or password."
      onClick={() => void copyLink(props.link())}
    >
      <linkIcon.react tag="span" className="jp-dsws-copy-link-icon" />
      Copy link
    </Button>
  );
}

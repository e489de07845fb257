/** Where the shipped guides are, and how their links and anchors resolve (no DOM here). */
import { PageConfig, PathExt, URLExt } from '@jupyterlab/coreutils';

/** Where JupyterLab serves the copies: `{base_url}lab/extensions/jupyter_dsws/static/guides/`. */
export function guidesUrl(
  labextensionsUrl: string = PageConfig.getOption('fullLabextensionsUrl')
): string {
  return URLExt.join(labextensionsUrl, 'jupyter_dsws', 'static', 'guides') + '/';
}

/**
 * A link of guide `from` as a path among the guides, or null when it is not one of
 * them (another site, or a path that leaves the guides' folder).
 */
export function linkedPath(from: string, href: string): string | null {
  if (!href || /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) {
    return null;
  }
  const path = PathExt.normalize(PathExt.join(PathExt.dirname(from), href.split('#')[0]));
  return path && !path.startsWith('..') ? path : null;
}

/** GitHub's anchor for a heading, which the guides' own links use. */
export function headingSlug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/**
 * The guides, readable offline: Studio in VPC-only mode has no internet, so the Help menu
 * does not link to GitHub. The build copies the docs' markdown and pictures into the
 * extension's static folder (scripts/copy_guides.mjs), which JupyterLab serves itself; a
 * guide opens in a main-area tab rendered by JupyterLab's own markdown renderer, and the
 * links between guides open the other guide the same way.
 */
import { ILayoutRestorer, JupyterFrontEnd } from '@jupyterlab/application';
import { PathExt } from '@jupyterlab/coreutils';
import { IRenderMime, IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { Widget } from '@lumino/widgets';

import { Commands } from './commands';
import { exampleOfLink } from './examples/links';
import { guidesUrl, headingSlug, linkedPath } from './guidepaths';
import { workspaceIcon } from './icons';
import { MainAreaTabs } from './ui/tabs';

/** The guides the Help menu and the palette offer, by the name their command takes. */
export const GUIDES: Record<string, { path: string; label: string }> = {
  'getting-started': {
    path: 'docs/getting-started.md',
    label: 'Getting Started with the Data Science Workspace'
  },
  'data-scientists': {
    path: 'docs/data-scientists.md',
    label: 'Data Science Workspace Guide for Data Scientists'
  },
  admin: { path: 'docs/admin.md', label: 'Data Science Workspace Admin Guide' }
};

export const OPEN_GUIDE_COMMAND = 'dsws:open-guide';

/** Copies an example notebook into the workspace (and opens it). */
export type CopyExample = (name: string) => Promise<unknown>;

/**
 * One guide, rendered; links to other guides open them through `open`, and a link to an
 * example notebook gets a button that copies it into the workspace.
 */
class GuideView extends Widget {
  constructor(
    rendermime: IRenderMimeRegistry | null,
    readonly path: string,
    private readonly _open: (path: string, anchor?: string) => void,
    private readonly _copyExample: CopyExample | null = null
  ) {
    super();
    this.addClass('jp-dsws-guide');
    this._rendermime =
      rendermime?.clone({
        resolver: this._resolver,
        linkHandler: { handleLink: (node, target, id) => this._link(node, target, id) }
      }) ?? null;
    this.node.addEventListener('click', this._onClick);
    this.ready = this._render();
  }

  readonly ready: Promise<void>;

  /** Scroll to the heading a `#anchor` names (GitHub's form of it). */
  show(anchor?: string): void {
    const slug = anchor?.replace(/^#/, '');
    const heading =
      slug && this.node.querySelector(`[data-dsws-slug="${CSS.escape(slug)}"]`);
    if (heading) {
      heading.scrollIntoView();
    }
  }

  private async _render(): Promise<void> {
    let text: string;
    try {
      const response = await fetch(guidesUrl() + this.path);
      if (!response.ok) {
        throw new Error(`${response.status}`);
      }
      text = await response.text();
    } catch (error) {
      this.node.textContent = `The guide ${this.path} could not be read (${error}).`;
      return;
    }
    if (!this._rendermime) {
      const pre = document.createElement('pre');
      pre.textContent = text;
      this.node.appendChild(pre);
      return;
    }
    const renderer = this._rendermime.createRenderer('text/markdown');
    await renderer.renderModel(
      this._rendermime.createModel({ data: { 'text/markdown': text }, trusted: false })
    );
    this.node.appendChild(renderer.node);
    renderer.node.querySelectorAll('h1, h2, h3, h4, h5, h6').forEach(heading => {
      const own = Array.from(heading.childNodes)
        .filter(
          node =>
            !(node instanceof HTMLElement && node.matches('a.jp-InternalAnchorLink'))
        )
        .map(node => node.textContent ?? '')
        .join('');
      heading.setAttribute('data-dsws-slug', headingSlug(own));
      if (heading.tagName === 'H1' && heading === renderer.node.querySelector('h1')) {
        this.title.label = own.trim(); // the tab says what the guide is
      }
    });
  }

  private _resolver: IRenderMime.IResolver = {
    isLocal: url => linkedPath(this.path, url) !== null,
    resolveUrl: async url => linkedPath(this.path, url) ?? url,
    getDownloadUrl: async path => guidesUrl() + path
  };

  /**
   * Another guide opens in its own tab; an example notebook is copied into the workspace
   * (the link and a button beside it); any other shipped file opens in a browser tab.
   */
  private _link(node: HTMLElement, path: string, id?: string): void {
    const example = exampleOfLink(path);
    if (example && this._copyExample) {
      const copy = this._copyExample;
      const button = document.createElement('button');
      button.className = 'jp-Button jp-mod-styled jp-mod-accept jp-dsws-copy-example';
      button.textContent = 'Copy into my workspace';
      button.title = `Copy ${example} into the file browser's folder and open it`;
      button.dataset.example = example;
      const run = (event: Event) => {
        event.preventDefault();
        button.disabled = true;
        void copy(example).finally(() => (button.disabled = false));
      };
      button.addEventListener('click', run);
      node.addEventListener('click', run);
      node.after(button);
    } else if (path.endsWith('.md')) {
      node.addEventListener('click', event => {
        event.preventDefault();
        this._open(path, id);
      });
    } else {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener');
    }
  }

  /** "#heading" links scroll within the guide (the page's own address stays as it is). */
  private _onClick = (event: MouseEvent): void => {
    const anchor = (event.target as HTMLElement).closest?.('a');
    const href = anchor?.getAttribute('href');
    if (href?.startsWith('#')) {
      event.preventDefault();
      this.show(href);
    }
  };

  private _rendermime: IRenderMimeRegistry | null;
}

/** A guide's tab says its file's name until the guide's own title is read. */
function labelOf(path: string): string {
  return PathExt.basename(path, '.md').replace(/^README$/, PathExt.dirname(path));
}

/** The guides' tabs (one per guide, back after a reload) and the command that opens them. */
export function addGuides(
  app: JupyterFrontEnd,
  commands: Commands,
  rendermime: IRenderMimeRegistry | null,
  restorer: ILayoutRestorer | null,
  copyExample: CopyExample | null = null
): void {
  const tabs = new MainAreaTabs({
    app,
    restorer,
    namespace: 'dsws-guide',
    command: OPEN_GUIDE_COMMAND,
    icon: workspaceIcon,
    className: 'jp-dsws-guide-tab'
  });
  const open = (path: string, anchor?: string): void => {
    const tab = tabs.open(
      {
        key: path,
        args: { path },
        label: labelOf(path),
        caption: `Data Science Workspace: ${path}`,
        id: `jp-dsws-guide-${path.replace(/[^A-Za-z0-9]/g, '-')}`
      },
      () => new GuideView(rendermime, path, open, copyExample),
      content => content.ready
    );
    void tab.content.ready.then(() => tab.content.show(anchor));
  };

  commands.add(
    OPEN_GUIDE_COMMAND,
    {
      label: args =>
        GUIDES[args.guide as string]?.label ??
        (args.path
          ? `Data Science Workspace: ${args.path}`
          : 'Data Science Workspace Guide'),
      caption: 'Read a guide shipped with jupyter_dsws (no internet needed)',
      execute: args => {
        const path =
          (args.path as string) ??
          GUIDES[(args.guide as string) ?? 'data-scientists']?.path;
        if (path) {
          open(path);
        }
      }
    },
    Object.keys(GUIDES).map(guide => ({ guide }))
  );
}

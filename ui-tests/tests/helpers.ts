import { ConsoleMessage, expect, Locator, Page, TestInfo } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

export { TOKEN } from '../servers';
import { TOKEN } from '../servers';

/** The team inventory `dsws demo` seeds: four models, one of them the CNN. */
export const DEMO_INVENTORY = path.resolve(
  __dirname,
  '..',
  '..',
  'jupyter_dsws',
  'demo',
  'data',
  'inventory.csv'
);

/**
 * Open JupyterLab and collect what the console says while it loads: the test fails on
 * "Unsatisfied version" (a shared package our build needs that this JupyterLab lacks)
 * and on any error that names our extension.
 */
export async function openLab(page: Page): Promise<string[]> {
  const messages: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    messages.push(`${message.type()}: ${message.text()}`);
  });
  // `reset`: each test starts from a fresh workspace, not the layout the last one left.
  await page.goto(`/lab?reset&token=${TOKEN}`);
  await expect(page.locator('#jp-main-dock-panel')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('.jp-LabShell')).not.toHaveClass(/jp-mod-devMode-loading/);
  return messages;
}

export function problemsIn(messages: string[]): string[] {
  return messages.filter(
    text =>
      /Unsatisfied version/i.test(text) || (/^error/.test(text) && /dsws/i.test(text))
  );
}

/**
 * The panels the server turned on, in sidebar order, as it tells the page (`dswsPanels`
 * in the page config, from `jupyter_dsws/features.py`): the tests list no names of their own.
 */
export async function serverPanels(page: Page): Promise<string[]> {
  const raw = await page.evaluate(
    () =>
      JSON.parse(document.getElementById('jupyter-config-data')!.textContent!).dswsPanels
  );
  return String(raw)
    .split(',')
    .map(name => name.trim())
    .filter(Boolean);
}

/** "workspace" (the status) or a panel name of `jupyter_dsws/features.py`. */
export type PanelKey = string;

/** The DOM id of one of our left-sidebar panels (what the left bar's `data-id` says). */
export function panelId(key: PanelKey): string {
  return key === 'workspace' ? 'jp-dsws-sidebar' : `jp-dsws-${key}`;
}

/** The icon of one of our panels in the left bar. */
export function sidebarTab(page: Page, key: PanelKey): Locator {
  return page.locator(`.jp-SideBar.jp-mod-left [data-id="${panelId(key)}"]`);
}

/** Our entries in the left bar, by DOM id, in their order. */
export async function ourSidebarIds(page: Page): Promise<string[]> {
  const ids = await page
    .locator('.jp-SideBar.jp-mod-left .lm-TabBar-tab')
    .evaluateAll(tabs => tabs.map(tab => tab.getAttribute('data-id') ?? ''));
  return ids.filter(id => id.startsWith('jp-dsws-'));
}

/** Click one of our icons in the left bar (unless its panel shows already); the panel. */
export async function openPanel(page: Page, key: PanelKey): Promise<Locator> {
  const tab = sidebarTab(page, key);
  await expect(tab).toBeVisible();
  await expect(tab).toHaveAttribute('title', /\S/);
  const panel = page.locator(`#${panelId(key)}`);
  if (!(await panel.isVisible())) {
    await tab.click();
  }
  await expect(panel).toBeVisible();
  return panel;
}

/** JupyterLab's file browser in the left bar (a click on its icon when it is not shown). */
export async function openFileBrowser(page: Page): Promise<Locator> {
  const browser = page.locator('#filebrowser');
  if (!(await browser.isVisible())) {
    await page.locator('.jp-SideBar.jp-mod-left [data-id="filebrowser"]').click();
  }
  await expect(browser).toBeVisible();
  return browser;
}

/** The workspace status panel, "Data Science Workspace". */
export function openSidebar(page: Page): Promise<Locator> {
  return openPanel(page, 'workspace');
}

/** A feature's panel, opened from its own icon, with its icon's tooltip as heading. */
export async function openFeature(page: Page, key: PanelKey) {
  const panel = await openPanel(page, key);
  const caption = (await sidebarTab(page, key).getAttribute('title'))!;
  await expect(panel.getByRole('heading', { name: caption, exact: true })).toBeVisible();
  return panel;
}

/** The entry named `name` (exactly) of a panel's list, e.g. a group in "Model groups". */
export function listEntry(panel: Locator, list: string, name: string): Locator {
  return panel
    .getByRole('list', { name: list })
    .getByRole('listitem', { name, exact: true });
}

/** Open the entry named `name` of a panel's list in the main area ("Open <name>"). */
export async function openListEntry(panel: Locator, list: string, name: string) {
  await listEntry(panel, list, name)
    .getByRole('button', { name: `Open ${name}` })
    .click();
}

/**
 * The Models panel's comparison of `versions` of `group`: its sheet opened from the
 * sidebar, the versions selected and Compare pressed; the comparison's tab.
 */
export async function compareVersions(
  page: Page,
  models: Locator,
  group: string,
  versions: number[]
): Promise<Locator> {
  await openListEntry(models, 'Model groups', group);
  const sheet = page.getByRole('region', { name: `Versions of ${group}` });
  const table = sheet.getByRole('table', { name: 'Versions' });
  for (const version of versions) {
    await table.getByLabel(`Select version ${version}`).check();
  }
  await sheet.getByRole('button', { name: 'Compare', exact: true }).click();
  return page.getByRole('region', { name: 'Compare versions' });
}

/**
 * What JupyterLab last saved of the default workspace on the server (a moment after the
 * layout changes): the layout, and a key for each tab it opens again after a reload.
 */
export async function savedWorkspace(page: Page): Promise<Record<string, any>> {
  const saved = await page.request.get(`/lab/api/workspaces/default?token=${TOKEN}`);
  return (await saved.json()).data ?? {};
}

/**
 * Where a test saves its picture for the docs, or null: pictures in docs/images are taken
 * only by `make screenshots` (which sets DSWS_SCREENSHOTS=1), and only on `project`'s
 * server, so that a test run leaves the docs as they are.
 */
export function docsImage(
  testInfo: TestInfo,
  project: string,
  file: string
): string | null {
  if (process.env.DSWS_SCREENSHOTS !== '1' || testInfo.project.name !== project) {
    return null;
  }
  return path.resolve(__dirname, '..', '..', 'docs', 'images', file);
}

/** A picture of the left bar and the open panel beside it, for the docs. */
export async function screenshotSidebar(page: Page, panel: Locator, file: string) {
  const bar = await page.locator('.jp-SideBar.jp-mod-left').boundingBox();
  const open = await panel.boundingBox();
  if (!bar || !open) {
    throw new Error('the left sidebar is not shown');
  }
  await page.screenshot({
    path: file,
    clip: {
      x: bar.x,
      y: open.y,
      width: open.x + open.width - bar.x,
      height: open.height
    }
  });
}

/**
 * A JupyterLab setting of a space before it starts: JupyterLab's settings live in the
 * space's HOME, as in Studio (`plugin` as "@jupyterlab/docmanager-extension/plugin").
 */
export function writeLabSetting(home: string, plugin: string, values: object): void {
  const file = path.join(home, '.jupyter', 'lab', 'user-settings', ...plugin.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.jupyterlab-settings`, JSON.stringify(values));
}

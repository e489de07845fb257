import { Browser, BrowserContext, expect, Page, test } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

import { PORTS, studioPort, TOKEN, WORK } from '../servers';
import { openFeature, writeLabSetting } from './helpers';
import { OwnDemo, startOwnDemo } from './own-demo';

// Two people in the team's shared space, as Studio runs one: this test starts its own
// `dsws demo`, runs `team-space` from the demo's Studio page and opens it as Harry in one
// browser context and as Ron in another (Studio's studioUserProfileName cookie, set by the
// page's "Open as …"). The space runs real-time collaboration (jupyter-collaboration, whose
// own autosave is off here, as is JupyterLab's): the edit Harry leaves unsaved is on disk
// because idle shutdown saves it (tests/idle/test_rtc.py proves the rooms' own save, with
// no tab to ask). Idle: 2 min, warned for the last 30 s.
const STATE = path.join(WORK, 'shared-state');
const STUDIO = `http://127.0.0.1:${studioPort(PORTS.shared)}`;
const SPACE = 'team-space';
const HOME = path.join(STATE, 'studio', 'spaces', 'd-dswsdemo0000', SPACE, 'home');
const GROUP = 'sorting-hat-algorithm';
let demo: OwnDemo | null = null;

test.beforeAll(async () => {
  demo = await startOwnDemo('shared', PORTS.shared, {
    prepare: () =>
      writeLabSetting(HOME, '@jupyterlab/docmanager-extension/plugin', {
        autosave: false
      }),
    labArgs: [
      '--IdleShutdown.timeout_minutes=2',
      '--IdleShutdown.min_timeout_minutes=0.1',
      '--IdleShutdown.warning_minutes=0.5',
      '--IdleShutdown.check_interval_seconds=1',
      '--IdleShutdown.save_wait_seconds=20',
      '--YDocExtension.document_save_delay=3600'
    ]
  });
});

test.afterAll(() => demo?.stop());

/**
 * A browser context of one person: the Studio page's token, then "Open as <profile>", which
 * lands in the team space's JupyterLab (its own port: the page's origin from then on).
 */
async function personIn(
  browser: Browser,
  profile: string
): Promise<[BrowserContext, Page, string]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${STUDIO}/?token=${TOKEN}`);
  const row = page.locator(`tr[data-space="${SPACE}"]`);
  await row
    .getByRole('link', { name: `Open as ${profile}` })
    .waitFor({ timeout: 120_000 });
  await page.goto(`${STUDIO}/spaces/${SPACE}/open?as=${profile}`);
  await expect(page.locator('#jp-main-dock-panel')).toBeVisible({ timeout: 60_000 });
  return [context, page, new URL(page.url()).origin];
}

/** Opens version 4 of the group through its link and sets its status with a comment. */
async function decide(
  page: Page,
  origin: string,
  action: 'Approve' | 'Reject',
  comment: string
) {
  await page.goto(
    `${origin}/lab?dsws=models-version&group=${GROUP}&version=4&token=${TOKEN}`
  );
  const detail = page.getByRole('region', { name: `Version 4 of ${GROUP}` });
  await detail.getByRole('button', { name: `${action} version 4` }).click();
  const dialog = page.locator('.jp-Dialog');
  await dialog.getByLabel('Comment').fill(comment);
  await dialog.getByRole('button', { name: action, exact: true }).click();
  await expect(dialog).toHaveCount(0);
  return detail;
}

/** The Status refresh field of our settings in the page's Settings Editor. */
async function statusRefreshField(page: Page) {
  await page.getByRole('menuitem', { name: 'Settings', exact: true }).click();
  await page.getByRole('menuitem', { name: /^Settings Editor/ }).click();
  await page
    .locator('.jp-PluginList')
    .getByText('Data Science Workspace', { exact: true })
    .click();
  // JupyterLab's form labels the field with a heading, not a <label>.
  const field = page.locator('.jp-SettingsForm input[id$="_statusRefreshSeconds"]');
  await expect(field).toBeVisible();
  return field;
}

/** What the server keeps as the page's person's own settings (`dsws/preferences`). */
async function settingsKeptFor(page: Page, space: string): Promise<unknown> {
  const answer = await page.request.get(`${space}/dsws/preferences?token=${TOKEN}`);
  return (await answer.json()).preferences.settings;
}

function onDisk(name: string): string {
  const file = path.join(HOME, name);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf-8') : '';
}

test('two people in the shared space: each named in the record, both warned, one keeps it, the unsaved edit saved by the stop', async ({
  browser
}) => {
  test.setTimeout(8 * 60_000);
  // The team space runs from the Studio page (the demo started Harry's own space).
  const studio = await (await browser.newContext()).newPage();
  await studio.goto(`${STUDIO}/?token=${TOKEN}`);
  const row = studio.locator(`tr[data-space="${SPACE}"]`);
  await row.getByRole('button', { name: 'Run' }).click();
  await expect(row.locator('.status')).toHaveText('InService', { timeout: 120_000 });

  const [harryContext, harry, space] = await personIn(browser, 'harry-potter');
  const [ronContext, ron] = await personIn(browser, 'ronald-weasley');

  // One AWS role for both; the history names each person beside it.
  await decide(harry, space, 'Approve', 'Harry: clears the bar.');
  const detail = await decide(ron, space, 'Reject', 'Ron: not on Slytherin.');
  const history = detail.getByRole('list', { name: 'Approval history' });
  await expect(
    history.getByRole('listitem').filter({ hasText: 'Harry: clears the bar.' })
  ).toContainText('Harry Potter (');
  await expect(
    history.getByRole('listitem').filter({ hasText: 'Ron: not on Slytherin.' })
  ).toContainText('Ronald Weasley (');

  // Our settings are each person's: Harry's save in the Settings Editor is not Ron's.
  const harrysField = await statusRefreshField(harry);
  await harrysField.fill('20');
  await harrysField.press('Tab');
  await expect
    .poll(() => settingsKeptFor(harry, space))
    .toEqual({ statusRefreshSeconds: 20 });
  await expect(await statusRefreshField(ron)).toHaveValue('60');
  await harry.reload();
  await expect(await statusRefreshField(harry)).toHaveValue('20');

  // Harry types into a collaborative notebook and leaves it unsaved (the last work anyone
  // does until the warning).
  const notebook = 'shared-notes.ipynb';
  const created = await harry.request.put(
    `${space}/api/contents/${notebook}?token=${TOKEN}`,
    {
      data: {
        type: 'notebook',
        format: 'json',
        content: {
          cells: [
            {
              cell_type: 'code',
              source: '',
              metadata: {},
              outputs: [],
              execution_count: null
            }
          ],
          metadata: {
            kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' }
          },
          nbformat: 4,
          nbformat_minor: 5
        }
      }
    }
  );
  expect(created.ok()).toBe(true);
  await harry.goto(`${space}/lab/tree/${notebook}?token=${TOKEN}`);
  const cell = harry.locator('.jp-NotebookPanel:visible .jp-Cell .cm-content').first();
  await cell.click();
  await harry.keyboard.type("spell = 'left unsaved by Harry'");
  await expect(cell).toContainText('left unsaved by Harry');

  // Both are warned, each told the other is here; Ron keeps the app for both.
  const warningOf = (page: Page) =>
    page.locator('.Toastify__toast').filter({ hasText: 'nobody has worked in it' });
  await expect(warningOf(harry)).toContainText('Also here: Ronald Weasley.', {
    timeout: 150_000
  });
  await expect(warningOf(ron)).toContainText('Also here: Harry Potter.');
  await warningOf(ron).getByRole('button', { name: 'Keep working' }).click();
  await expect(warningOf(ron)).toHaveCount(0);
  await expect(warningOf(harry)).toHaveCount(0, { timeout: 35_000 });
  const idle = await openFeature(harry, 'idle');
  await expect(idle.getByText(/by Ronald Weasley/).first()).toBeVisible();

  // Nobody again: the stop, after which Harry's edit is on disk.
  await expect(harry.locator('.jp-dsws-stop-notice')).toBeVisible({ timeout: 180_000 });
  await expect
    .poll(() => onDisk(notebook), { timeout: 30_000 })
    .toContain('left unsaved by Harry');
  await expect(row.locator('.status')).toHaveText('Stopped', { timeout: 60_000 });
  await harryContext.close();
  await ronContext.close();
});

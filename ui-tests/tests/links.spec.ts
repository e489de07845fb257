import { Browser, BrowserContext, expect, Page, test } from '@playwright/test';

import { compareVersions, listEntry, openFeature, TOKEN } from './helpers';

// The demo's sorting hat: four versions (see registry.spec.ts); its MLflow experiment of
// the same name (see experiments.spec.ts).
const GROUP = 'sorting-hat-algorithm';
const AUTH = { Authorization: `token ${TOKEN}` };
const HARRY = 'harry-potter';
const RON = 'ronald-weasley';

/**
 * A person's browser: their own context, signed in once (the token sets jupyter_server's
 * login cookie, as Studio's own sign-in does for a space), with "Copy link" recorded: the
 * Clipboard API's writeText keeps what it is given for the test to read.
 */
async function person(
  browser: Browser,
  baseURL: string,
  profile: string
): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL });
  // Who opens the space, as Studio's cookie says it in a shared space (it signs nobody in).
  await context.addCookies([
    { name: 'studioUserProfileName', value: profile, url: baseURL }
  ]);
  await context.addInitScript(() => {
    const copied: string[] = [];
    (window as unknown as { dswsCopied: string[] }).dswsCopied = copied;
    navigator.clipboard.writeText = async (text: string) => {
      copied.push(text);
    };
  });
  const page = await context.newPage();
  const signIn = await page.goto(`/api/status?token=${TOKEN}`);
  expect(signIn?.ok()).toBe(true);
  await page.close();
  return context;
}

/** JupyterLab loaded at `path` (no token in it: the cookie signs in). */
async function lab(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.locator('#jp-main-dock-panel')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('.jp-LabShell')).not.toHaveClass(/jp-mod-devMode-loading/);
}

/** Click "Copy link" in `view`; the link copied, once the toast says so. */
async function copyLink(page: Page, view: ReturnType<Page['getByRole']>, what: string) {
  await view.getByRole('button', { name: `Copy a link to ${what}` }).click();
  await expect(
    page.locator('.Toastify__toast').filter({ hasText: 'Link copied' })
  ).toBeVisible();
  const copied = await page.evaluate(
    () => (window as unknown as { dswsCopied: string[] }).dswsCopied
  );
  expect(copied).toHaveLength(1);
  return copied[0];
}

/**
 * The teammate's JupyterLab must not have the view already in its saved layout (the
 * server's default workspace is every browser's): only the link can open it there. The
 * sharer works in a workspace of their own.
 */
async function forgetDefaultLayout(page: Page): Promise<void> {
  const gone = await page.request.delete('/lab/api/workspaces/default', {
    headers: AUTH
  });
  expect([204, 404]).toContain(gone.status());
}

test.describe('Links a teammate can open', () => {
  test('a comparison of versions copied in one browser opens the same in another', async ({
    browser,
    baseURL
  }) => {
    const sharer = await person(browser, baseURL!, HARRY);
    const teammate = await person(browser, baseURL!, RON);
    try {
      const page = await sharer.newPage();
      await lab(page, '/lab/workspaces/links-sharer?reset');
      const models = await openFeature(page, 'registry');
      const compare = await compareVersions(page, models, GROUP, [2, 4]);
      await expect(
        compare.getByRole('columnheader', { name: `${GROUP} v4` })
      ).toBeVisible();

      const link = await copyLink(page, compare, 'this comparison');
      // JupyterLab's page of this server, the view in its query, and nothing secret.
      const url = new URL(link);
      expect(url.origin).toBe(new URL(baseURL!).origin);
      expect(url.pathname).toBe('/lab');
      expect(url.searchParams.get('dsws')).toBe('models-compare');
      expect(link).not.toMatch(/token|X-Amz|Signature|Credential/i);

      const other = await teammate.newPage();
      await forgetDefaultLayout(other);
      await lab(other, link);
      const same = other.getByRole('region', { name: 'Compare versions' });
      const table = same.getByRole('table', { name: 'Comparison' });
      await expect(
        table.getByRole('columnheader', { name: `${GROUP} v2` })
      ).toBeVisible();
      await expect(
        table.getByRole('columnheader', { name: `${GROUP} v4` })
      ).toBeVisible();
      await expect(table.locator(`thead th[aria-label^="${GROUP} v"]`)).toHaveCount(2);
      // Opened once: the address is JupyterLab's again, so a reload shows the layout.
      await expect.poll(() => new URL(other.url()).search).toBe('');
    } finally {
      await sharer.close();
      await teammate.close();
    }
  });

  test("a version's link opens the version, and a broken link says so", async ({
    browser,
    baseURL
  }) => {
    const teammate = await person(browser, baseURL!, RON);
    try {
      const page = await teammate.newPage();
      await forgetDefaultLayout(page);
      await lab(page, `/lab?dsws=models-version&group=${GROUP}&version=3`);
      await expect(
        page.getByRole('region', { name: `Version 3 of ${GROUP}` })
      ).toBeVisible();

      await lab(page, '/lab?dsws=models-version&group=only-a-group');
      await expect(
        page.locator('.Toastify__toast').filter({ hasText: 'link is incomplete' })
      ).toBeVisible();
    } finally {
      await teammate.close();
    }
  });
});

test.describe('Links to runs', () => {
  test("a runs sheet's link opens it with the sharer's filter and columns", async ({
    browser,
    baseURL
  }) => {
    test.setTimeout(360_000);
    const sharer = await person(browser, baseURL!, HARRY);
    const teammate = await person(browser, baseURL!, RON);
    try {
      const page = await sharer.newPage();
      await lab(page, '/lab/workspaces/links-runs?reset');
      const panel = await openFeature(page, 'experiments');
      // The demo logs its runs in the background: the experiment shows once it has some.
      const line = listEntry(panel, 'Experiments list', GROUP);
      await expect(async () => {
        await panel.getByRole('button', { name: 'Refresh experiments' }).click();
        await expect(line).toContainText(/[1-9]\d* runs?/, { timeout: 2_000 });
      }).toPass({ timeout: 240_000, intervals: [3_000] });
      await line.getByRole('button', { name: `Open ${GROUP}` }).click();

      const sheet = page.getByRole('region', { name: `Runs of ${GROUP}` });
      const runs = sheet.getByRole('table', { name: 'Runs' });
      await expect(runs.getByRole('button', { name: 'Sort by objective' })).toBeVisible();
      const filter = 'metrics.accuracy > 0';
      await sheet.getByRole('searchbox', { name: 'Filter runs' }).fill(filter);
      await sheet.getByRole('searchbox', { name: 'Filter runs' }).press('Enter');
      await sheet.getByRole('button', { name: 'Choose columns' }).click();
      await sheet.getByRole('checkbox', { name: 'Show param objective' }).uncheck();
      await expect(runs.getByRole('button', { name: 'Sort by objective' })).toHaveCount(
        0
      );

      const link = await copyLink(page, sheet, 'this runs sheet');
      const query = new URL(link).searchParams;
      expect(query.get('filter')).toBe(filter);
      expect(query.getAll('hide')).toEqual(['param:objective']);
      // The sharer shows it again (their preference, which the demo's space keeps for all):
      // in the teammate's sheet only the link hides it.
      await sheet.getByRole('checkbox', { name: 'Show param objective' }).check();
      await expect(runs.getByRole('button', { name: 'Sort by objective' })).toBeVisible();

      const other = await teammate.newPage();
      await forgetDefaultLayout(other);
      await lab(other, link);
      const same = other.getByRole('region', { name: `Runs of ${GROUP}` });
      await expect(same.getByRole('searchbox', { name: 'Filter runs' })).toHaveValue(
        filter
      );
      const table = same.getByRole('table', { name: 'Runs' });
      await expect(table.getByRole('button', { name: 'Sort by accuracy' })).toBeVisible();
      await expect(table.getByRole('button', { name: 'Sort by objective' })).toHaveCount(
        0
      );
    } finally {
      await sharer.close();
      await teammate.close();
    }
  });
});

test.describe('Links to EMR', () => {
  test("a cluster's check opens the cluster in a teammate's panel and checks again", async ({
    browser,
    baseURL
  }) => {
    // The demo's cluster whose security group lacks Livy's rule (see emr.spec.ts).
    const cluster = 'legacy-spark';
    const sharer = await person(browser, baseURL!, HARRY);
    const teammate = await person(browser, baseURL!, RON);
    try {
      const page = await sharer.newPage();
      await lab(page, '/lab/workspaces/links-emr?reset');
      const panel = await openFeature(page, 'emr');
      await panel
        .getByRole('list', { name: 'Clusters' })
        .getByRole('button', { name: `Open ${cluster}`, exact: true })
        .click();
      const view = panel.getByLabel(`Cluster ${cluster}`, { exact: true });
      await view.getByRole('button', { name: 'Check the path' }).click();
      const summary = view.getByRole('status', { name: 'Path check summary' });
      await expect(summary).toContainText('Failed at: Security group admits Livy', {
        timeout: 20_000
      });
      const link = await copyLink(page, view, `the path check of ${cluster}`);
      expect(new URL(link).searchParams.get('dsws')).toBe('emr-check');

      const other = await teammate.newPage();
      await forgetDefaultLayout(other);
      await lab(other, link);
      const same = other
        .locator('#jp-dsws-emr')
        .getByLabel(`Cluster ${cluster}`, { exact: true });
      await expect(same.getByRole('heading', { name: cluster })).toBeVisible();
      await expect(
        same.getByRole('status', { name: 'Path check summary' })
      ).toContainText('Failed at: Security group admits Livy', { timeout: 20_000 });
    } finally {
      await sharer.close();
      await teammate.close();
    }
  });
});

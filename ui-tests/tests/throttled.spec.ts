import { expect, Locator, Page, test } from '@playwright/test';

import { PORTS } from '../servers';
import { openFeature, openLab } from './helpers';
import { OwnDemo, startOwnDemo } from './own-demo';

// The account is busy: this test starts its own `dsws demo` whose emulator answers half of
// all AWS calls with the service's throttling error (DSWS_EMULATOR_THROTTLE, engaged once
// the seed is in). The panels must still show rows, with their age, and the server may
// answer no 5xx but the documented 503 "throttled".
let demo: OwnDemo | null = null;

test.beforeAll(async () => {
  demo = await startOwnDemo('throttled', PORTS.throttled, {
    env: { DSWS_EMULATOR_THROTTLE: '0.5' }
  });
});

test.afterAll(() => demo?.stop());

/** Every answer of a dsws route that is a 5xx other than the documented 503 throttled. */
function watchServerErrors(page: Page): string[] {
  const wrong: string[] = [];
  page.on('response', async response => {
    if (!response.url().includes('/dsws/') || response.status() < 500) {
      return;
    }
    const body = await response.json().catch(() => ({}));
    const retry = response.headers()['retry-after'];
    if (response.status() !== 503 || body.error !== 'throttled' || !retry) {
      wrong.push(`${response.status()} ${body.error} ${response.url()}`);
    }
  });
  return wrong;
}

/**
 * Click Refresh until the list shows rows: a panel's first read has no earlier answer to
 * stand in, so it may be the 503 (the panel says AWS is throttling) a few times.
 */
async function rowsAppear(rows: Locator, refresh: Locator): Promise<void> {
  await expect(async () => {
    if ((await rows.count()) === 0 && (await refresh.isEnabled())) {
      await refresh.click();
    }
    await expect(rows.first()).toBeVisible({ timeout: 4_000 });
  }).toPass({ timeout: 120_000 });
}

test('with half the AWS calls throttled the Models and Repositories panels show rows and their age', async ({
  page
}) => {
  test.setTimeout(300_000);
  const wrong = watchServerErrors(page);
  await openLab(page);

  const models = await openFeature(page, 'registry');
  const groups = models.getByRole('list', { name: 'Model groups' }).getByRole('listitem');
  const refreshModels = models.getByRole('button', { name: 'Refresh models' });
  await rowsAppear(groups, refreshModels);
  const count = await groups.count();
  // The answer ages in view: the panel says so once it is no longer fresh.
  await expect(models.getByText(/^as of \d+ s ago$/)).toBeVisible({ timeout: 30_000 });
  // Each Refresh reads AWS; when AWS throttles it, the last list stays with a notice.
  await expect(async () => {
    await refreshModels.click();
    await expect(refreshModels).toBeEnabled();
    await expect(groups).toHaveCount(count);
    await expect(models.locator('.jp-dsws-as-of-notice')).toContainText(
      /AWS is throttling sagemaker:\w+ .*answered \d+ s ago/,
      { timeout: 1_000 }
    );
  }).toPass({ timeout: 120_000 });

  const repositories = await openFeature(page, 'codecommit');
  const repos = repositories
    .getByRole('list', { name: 'CodeCommit repositories' })
    .getByRole('listitem');
  await rowsAppear(
    repos,
    repositories.getByRole('button', { name: 'Refresh repositories' })
  );
  await expect(repositories.getByText(/^as of \d+ s ago$/)).toBeVisible({
    timeout: 30_000
  });

  expect(wrong).toEqual([]);
});

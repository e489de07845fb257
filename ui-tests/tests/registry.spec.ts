import { APIRequestContext, expect, Page, test } from '@playwright/test';

import {
  compareVersions,
  docsImage,
  listEntry,
  openFeature,
  openLab,
  problemsIn,
  savedWorkspace,
  TOKEN
} from './helpers';

// The demo's sorting hat: v1 rejected, v2 and v3 approved, v4 waits for review.
const GROUP = 'sorting-hat-algorithm';
const VERSION_PATH = `/dsws/registry/groups/${GROUP}/versions/4`;
const AUTH = { Authorization: `token ${TOKEN}` };

/**
 * The server outlives a run (and CI retries once): v4 goes back to pending first, through
 * the same REST call the panel makes, so that there is something to approve.
 */
async function putBackToPending(request: APIRequestContext) {
  const shown = await request.get(VERSION_PATH, { headers: AUTH });
  expect(shown.ok(), await shown.text()).toBe(true);
  if ((await shown.json()).status !== 'PendingManualApproval') {
    const reset = await request.patch(VERSION_PATH, {
      headers: AUTH,
      data: { status: 'PendingManualApproval', comment: 'Reset by the browser test.' }
    });
    expect(reset.ok(), await reset.text()).toBe(true);
  }
}

function openModels(page: Page) {
  return openFeature(page, 'registry');
}

test.describe('Models', () => {
  test('sheet, sort, compare with differences and trend, approve with a comment', async ({
    page,
    request
  }, testInfo) => {
    await putBackToPending(request);
    const messages = await openLab(page);
    const models = await openModels(page);

    // The sidebar lists the group with its latest and latest approved versions.
    const line = listEntry(models, 'Model groups', GROUP);
    await expect(line).toContainText('4 versions');
    await expect(line).toContainText('approved: v3');
    await line.getByRole('button', { name: `Open ${GROUP}` }).click();

    // The sheet: newest first; a metric's header sorts, best first, then the other way.
    const sheet = page.getByRole('region', { name: `Versions of ${GROUP}` });
    const versions = sheet.getByRole('table', { name: 'Versions' });
    const order = versions.locator('tbody tr td:nth-child(2)');
    await expect(order).toHaveText([/^v4/, /^v3/, /^v2/, /^v1/]);
    const byAccuracy = versions.getByRole('button', { name: 'Sort by accuracy' });
    await byAccuracy.click();
    await expect(byAccuracy).toHaveText('accuracy ▼');
    await expect(order).toHaveText([/^v4/, /^v3/, /^v2/, /^v1/]);
    await byAccuracy.click();
    await expect(byAccuracy).toHaveText('accuracy ▲');
    await expect(order).toHaveText([/^v1/, /^v2/, /^v3/, /^v4/]);
    await expect(
      versions.locator('tbody tr td.jp-dsws-reg-metric[data-metric="accuracy"]')
    ).toHaveText(['0.712', '0.791', '0.838', '0.862']);

    // Compare the approved v3 with the waiting v4.
    await versions.getByLabel('Select version 3').check();
    await versions.getByLabel('Select version 4').check();
    await sheet.getByRole('button', { name: 'Compare', exact: true }).click();
    const compare = page.getByRole('region', { name: 'Compare versions' });
    const table = compare.getByRole('table', { name: 'Comparison' });
    await expect(table.getByRole('columnheader', { name: `${GROUP} v3` })).toBeVisible();

    // The best accuracy is v4's, marked; its trend runs v1 → v4, the compared two marked.
    const accuracy = table.getByRole('row', { name: 'accuracy', exact: true });
    await expect(accuracy.locator('td[title="best"]')).toHaveText(/^0\.862/);
    const trend = accuracy.getByRole('img', { name: `Trend of accuracy in ${GROUP}` });
    await expect(trend).toBeVisible();
    await expect(trend.locator('circle')).toHaveCount(4);
    await expect(trend.locator('circle.jp-mod-marked')).toHaveCount(2);
    // The README's picture of the Models panel and a comparison.
    const picture = docsImage(testInfo, 'newest', 'models-compare.png');
    if (picture) {
      await page.screenshot({ path: picture });
    }

    // "Differences only": max_depth is 6 in both, so its row goes; num_round stays.
    await expect(
      table.getByRole('row', { name: 'max_depth', exact: true })
    ).toBeVisible();
    await compare.getByRole('switch', { name: 'Differences only' }).check();
    await expect(table.getByRole('row', { name: 'max_depth', exact: true })).toHaveCount(
      0
    );
    await expect(
      table.getByRole('row', { name: 'num_round', exact: true })
    ).toBeVisible();

    // Approve v4 from the comparison, with a comment; the accept button waits for one.
    const comment = `Clears the bar on all four houses (run ${Date.now()}).`;
    await table.getByRole('button', { name: 'Approve version 4' }).click();
    const dialog = page.locator('.jp-Dialog');
    const approve = dialog.getByRole('button', { name: 'Approve', exact: true });
    await expect(approve).toBeDisabled();
    await dialog.getByLabel('Comment').fill(comment);
    await approve.click();
    await expect(dialog).toHaveCount(0);
    const v4Header = table.getByRole('columnheader', { name: `${GROUP} v4` });
    await expect(v4Header.locator('.jp-dsws-reg-badge')).toHaveText('Approved');

    // The version's page shows the decision and the comment in its history.
    await v4Header.getByRole('button', { name: `Open ${GROUP} version 4` }).click();
    const detail = page.getByRole('region', { name: `Version 4 of ${GROUP}` });
    await expect(detail.locator('.jp-dsws-reg-badge').first()).toHaveText('Approved');
    const history = detail.getByRole('list', { name: 'Approval history' });
    const entry = history.getByRole('listitem').filter({ hasText: comment });
    await expect(entry).toContainText('Pending → Approved');
    await expect(detail.getByLabel('Approval comment')).toContainText(comment);

    // The sidebar heard of it: v4 is now the latest approved.
    await expect(line).toContainText('approved: v4');
    expect(problemsIn(messages)).toEqual([]);
  });

  test("a group's sheet and a comparison are open again after a reload", async ({
    page
  }) => {
    await openLab(page);
    const models = await openModels(page);
    await expect(await compareVersions(page, models, GROUP, [1, 2])).toBeVisible();

    // The layout is saved to the server's workspace a moment after it changes (an earlier
    // test's tabs may still be there until then).
    const comparison = `${GROUP}/1 arn:`;
    await expect
      .poll(async () => {
        const keys = Object.keys(await savedWorkspace(page));
        return keys.some(
          key =>
            key.startsWith('dsws-registry:compare:') &&
            key.includes(comparison) &&
            key.endsWith(`${GROUP}/2`)
        );
      })
      .toBe(true);
    // Not a reload: the address may still say `reset`.
    await page.goto(`/lab?token=${TOKEN}`);
    await expect(page.getByRole('region', { name: 'Compare versions' })).toBeVisible({
      timeout: 60_000
    });
    const table = page.getByRole('table', { name: 'Comparison' });
    await expect(table.getByRole('columnheader', { name: `${GROUP} v2` })).toBeVisible();
    await expect(page.locator('.lm-TabBar-tab', { hasText: GROUP })).toHaveCount(1);
  });
});

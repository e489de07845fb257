import { expect, Locator, Page, test } from '@playwright/test';

import {
  docsImage,
  listEntry,
  openFeature,
  openLab,
  problemsIn,
  savedWorkspace,
  TOKEN
} from './helpers';

// The demo logs the Sorting Hat's training runs into its MLflow in the background
// (jupyter_dsws/demo/data/train_runs.py): 30 runs, real small fits, the runs of the
// registry's four versions (with a logged model) logged first, one after the other. Five
// runs there means those four have finished (and have their tag); the test needs no more,
// and on two busy cores (two demos starting their MLflow and Spark) each run takes a while.
const EXPERIMENT = 'sorting-hat-algorithm';
const REGISTERED = "tags.`dsws.registered` LIKE '%'";
const ENOUGH_RUNS = 5;

/** MLflow starts and the runs log in the background: ask again until enough are there. */
async function waitForRuns(page: Page) {
  const panel = await openFeature(page, 'experiments');
  const servers = panel.getByRole('list', { name: 'Tracking servers' });
  await expect(
    servers.getByRole('listitem', { name: 'Tracking server team-mlflow' })
  ).toContainText('default');
  const line = listEntry(panel, 'Experiments list', EXPERIMENT);
  await expect(async () => {
    await panel.getByRole('button', { name: 'Refresh experiments' }).click();
    const text = await line.textContent({ timeout: 2_000 });
    expect(Number(/(\d+) runs/.exec(text ?? '')?.[1] ?? 0)).toBeGreaterThanOrEqual(
      ENOUGH_RUNS
    );
  }).toPass({ timeout: 240_000, intervals: [3_000] });
  return { panel, line };
}

/** The numbers of a metric column, top to bottom. */
async function values(cells: Locator): Promise<number[]> {
  return (await cells.allTextContents()).map(text => parseFloat(text));
}

test.describe('Experiments', () => {
  test('filter, sort, compare three runs, register the best and find it in Models', async ({
    page
  }, testInfo) => {
    test.setTimeout(360_000);
    const messages = await openLab(page);
    const { line } = await waitForRuns(page);
    const panelPicture = docsImage(testInfo, 'newest', 'experiments-panel.png');
    if (panelPicture) {
      await page.screenshot({ path: panelPicture });
    }
    await line.getByRole('button', { name: `Open ${EXPERIMENT}` }).click();

    // The runs sheet, with who ran each run and from which notebook.
    const sheet = page.getByRole('region', { name: `Runs of ${EXPERIMENT}` });
    const runs = sheet.getByRole('table', { name: 'Runs' });
    const rows = runs.locator('tbody tr');
    await expect(rows.first()).toContainText('train_xgboost_sorting_hat.ipynb');
    const loaded = await rows.count();
    expect(loaded).toBeGreaterThanOrEqual(ENOUGH_RUNS);

    // A filter MLflow refuses: its message under the box, the runs still shown.
    const filter = sheet.getByRole('searchbox', { name: 'Filter runs' });
    await filter.fill('metrics.accuracy >');
    await filter.press('Enter');
    await expect(sheet.getByRole('alert')).toContainText(
      'Invalid clause(s) in filter string'
    );
    await expect(rows).toHaveCount(loaded);

    // A filter it takes: the runs above the median accuracy.
    const accuracy = runs.locator('tbody td[data-metric="accuracy"]');
    // A run still training has no accuracy yet.
    const all = await values(accuracy);
    const known = all.filter(v => !isNaN(v));
    const median = [...known].sort((a, b) => a - b)[Math.floor(known.length / 2)];
    await expect(sheet.getByRole('combobox', { name: 'Filter examples' })).toContainText(
      'metrics.accuracy >'
    );
    await filter.fill(`metrics.accuracy > ${median}`);
    await filter.press('Enter');
    // (Runs logged meanwhile may join: every row shown is above, and none is missing.)
    await expect
      .poll(async () => (await values(accuracy)).every(v => v > median))
      .toBe(true);
    expect(await rows.count()).toBeGreaterThanOrEqual(
      known.filter(v => v > median).length
    );
    await expect(sheet.getByRole('alert')).toHaveCount(0);
    await filter.fill('');
    await filter.press('Enter');
    // More runs may have been logged meanwhile: the sort below is checked on these.
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(loaded);
    const now = await values(accuracy);
    const nowKnown = now.filter(v => !isNaN(v));
    const nowMissing = now.filter(v => isNaN(v));

    // Sort by accuracy: best first and marked; again: the other way; runs without one last.
    const byAccuracy = runs.getByRole('button', { name: 'Sort by accuracy' });
    await byAccuracy.click();
    await expect(byAccuracy).toHaveText('accuracy ▼');
    const down = [...nowKnown].sort((a, b) => b - a);
    await expect.poll(() => values(accuracy)).toEqual([...down, ...nowMissing]);
    await expect(accuracy.first().getByLabel('best')).toBeVisible();
    await byAccuracy.click();
    await expect(byAccuracy).toHaveText('accuracy ▲');
    await expect
      .poll(() => values(accuracy))
      .toEqual([...[...down].reverse(), ...nowMissing]);
    await byAccuracy.click();

    // The columns chosen: a parameter hidden leaves the sheet, and comes back.
    const objectiveHeader = runs.getByRole('button', { name: 'Sort by objective' });
    await expect(objectiveHeader).toBeVisible();
    await sheet.getByRole('button', { name: 'Choose columns' }).click();
    const showObjective = sheet.getByRole('checkbox', { name: 'Show param objective' });
    await showObjective.uncheck();
    await expect(objectiveHeader).toHaveCount(0);
    await showObjective.check();
    await expect(objectiveHeader).toBeVisible();
    await sheet.getByRole('button', { name: 'Choose columns' }).click();

    // Select the best three and compare them.
    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      const name = (await rows.nth(i).locator('.jp-dsws-exp-run-name').textContent())!;
      names.push(name);
      await rows.nth(i).getByLabel(`Select run ${name}`).check();
    }
    await sheet.getByRole('button', { name: 'Compare the selected runs' }).click();
    const compare = page.getByRole('region', { name: 'Compare 3 runs' });
    const table = compare.getByRole('table', { name: 'Compared runs' });
    for (const name of names) {
      await expect(table.getByRole('columnheader', { name }).first()).toBeVisible();
    }
    const accuracyRow = table.getByRole('row', { name: 'metric accuracy' });
    await expect(accuracyRow.locator('td.jp-dsws-exp-best')).toHaveText(
      new RegExp(`^${String(down[0]).slice(0, 5)}`)
    );

    // Each run's training loss over the steps, overlaid in one chart named by run.
    await compare
      .getByRole('combobox', { name: 'Metric history to show' })
      .selectOption('train_loss');
    const chart = compare.getByRole('figure', { name: 'History of train_loss' });
    await expect(chart.locator('canvas')).toBeVisible();
    await expect(chart.locator('.u-legend .u-series .u-label')).toHaveText([
      'step',
      ...names
    ]);
    await expect(
      compare.getByRole('figure', { name: /^accuracy against / })
    ).toBeVisible();
    const comparePicture = docsImage(testInfo, 'newest', 'experiments-compare.png');
    if (comparePicture) {
      await page.screenshot({ path: comparePicture });
    }

    // "Differences only": the objective is the same for every run, so its row goes.
    const objective = table.getByRole('row', { name: 'param objective' });
    await expect(objective).toBeVisible();
    const differences = compare.getByRole('checkbox', { name: 'Differences only' });
    await differences.check();
    await expect(objective).toHaveCount(0);
    await expect(accuracyRow).toBeVisible();
    await differences.uncheck();
    await expect(objective).toBeVisible();

    // Register from the comparison: the dialog is the run's.
    await compare.getByRole('button', { name: `Register run ${names[0]}` }).click();
    const compareDialog = page.locator('.jp-Dialog');
    await expect(compareDialog).toContainText(`Register run ${names[0]}`);
    await compareDialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(compareDialog).toHaveCount(0);

    // Register the best run that logged a model (the registered ones did) into a new group.
    await page
      .locator('#jp-main-dock-panel .lm-TabBar-tab', { hasText: EXPERIMENT })
      .click();
    await filter.fill(REGISTERED);
    await filter.press('Enter');
    await expect(rows.first().locator('.jp-dsws-exp-actions')).toContainText(
      `${EXPERIMENT} v`
    );
    const best = (await rows.first().locator('.jp-dsws-exp-run-name').textContent())!;
    const bestAccuracy = (await accuracy.first().textContent())!.replace(/[^0-9.]/g, '');
    const group = `sorting-hat-exp-${Date.now()}`;
    await rows
      .first()
      .getByRole('button', { name: `Register run ${best}` })
      .click();

    // A folder the run lacks: the server's words in the dialog; then the logged model.
    const dialog = page.locator('.jp-Dialog');
    await dialog.getByLabel('Model group').fill(group);
    await dialog.getByLabel('Artifact path').fill('no-such-folder');
    await dialog.getByRole('button', { name: 'Register', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText('no-such-folder');
    await expect(dialog.getByLabel('Model group')).toHaveValue(group);
    await dialog.getByLabel('Artifact path').fill('model');
    await dialog.getByRole('button', { name: 'Register', exact: true }).click();

    // The toast names group and version and opens the version in the Models panel.
    const toast = page.locator('.Toastify__toast').filter({ hasText: group });
    await expect(toast).toContainText(`version 1 of ${group}`);
    await expect(dialog).toHaveCount(0);
    await expect(rows.first().locator('.jp-dsws-exp-actions')).toContainText(
      `${group} v1`
    );
    await toast.getByRole('button', { name: 'Open in Models' }).click();
    const detail = page.getByRole('region', { name: `Version 1 of ${group}` });
    await expect(detail).toBeVisible();
    await expect(detail).toContainText(bestAccuracy);
    expect(problemsIn(messages)).toEqual([]);
  });

  test('a runs sheet and a comparison are open again after a reload', async ({
    page
  }) => {
    await openLab(page);
    const { line } = await waitForRuns(page);
    await line.getByRole('button', { name: `Open ${EXPERIMENT}` }).click();
    const sheet = page.getByRole('region', { name: `Runs of ${EXPERIMENT}` });
    const rows = sheet.getByRole('table', { name: 'Runs' }).locator('tbody tr');
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      ids.push(
        (await rows.nth(i).locator('.jp-dsws-exp-run-name').getAttribute('title'))!
      );
      await rows.nth(i).getByRole('checkbox').check();
    }
    await sheet.getByRole('button', { name: 'Compare the selected runs' }).click();
    await expect(page.getByRole('region', { name: 'Compare 2 runs' })).toBeVisible();

    // The layout is saved to the server's workspace a moment after it changes.
    await expect
      .poll(async () => {
        const keys = Object.keys(await savedWorkspace(page));
        // An earlier test's tabs may still be there until then.
        return (
          keys.some(key => key.startsWith('dsws-experiments:runs:')) &&
          keys.includes(`dsws-experiments:compare:${[...ids].sort().join(' ')}`)
        );
      })
      .toBe(true);
    // Not a reload: the address may still say `reset`.
    await page.goto(`/lab?token=${TOKEN}`);
    const compare = page.getByRole('region', { name: 'Compare 2 runs' });
    await expect(compare).toBeVisible({ timeout: 60_000 });
    await expect(
      compare.getByRole('figure', { name: /^History of / }).locator('canvas')
    ).toBeVisible();
    await page
      .locator('#jp-main-dock-panel .lm-TabBar-tab', { hasText: EXPERIMENT })
      .click();
    await expect(
      sheet.getByRole('table', { name: 'Runs' }).locator('tbody tr').first()
    ).toBeVisible();
  });
});

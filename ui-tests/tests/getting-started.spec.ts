import { expect, Page, test } from '@playwright/test';

import { listEntry, openFeature, openLab, openListEntry, problemsIn } from './helpers';

// The owls' ARIMA example notebook (jupyter_dsws/examples/notebooks/), copied from the
// getting-started page into the demo's workspace, run on the demo's MLflow training kernel.
// Its group is one no other browser test counts the versions of (registry.spec counts the
// Sorting Hat's).
const EXAMPLE = 'owls_arima.ipynb';
const EXPERIMENT = 'forecast-number-of-owls-needed-to-deliver-school-letters';

/**
 * The demo's MLflow starts in the background: the notebook logs once it answers, which
 * the first experiment the demo logs shows (the owls' may come minutes later, or from the
 * notebook itself).
 */
async function waitForTrackingServer(page: Page) {
  const panel = await openFeature(page, 'experiments');
  await expect(async () => {
    await panel.getByRole('button', { name: 'Refresh experiments' }).click();
    await expect(
      listEntry(panel, 'Experiments list', 'sorting-hat-algorithm')
    ).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 180_000, intervals: [3_000] });
  return panel;
}

test.describe('Getting started', () => {
  test('from the Launcher card to a copied notebook, its runs, the best registered and approved', async ({
    page
  }) => {
    test.setTimeout(420_000);
    const messages = await openLab(page);
    const experiments = await waitForTrackingServer(page);

    // The Launcher's card opens the getting-started page, with the three how-tos.
    await page.locator('#jp-main-dock-panel .jp-Launcher').waitFor();
    await page.locator('.jp-LauncherCard', { hasText: 'Data Science Workspace' }).click();
    const guide = page.locator('.jp-dsws-guide');
    await expect(
      guide.getByRole('heading', {
        name: 'Getting started with the Data Science Workspace'
      })
    ).toBeVisible();
    for (const howTo of [
      'How to add an experiment',
      'How to add a model to the registry',
      'How to choose an instance'
    ]) {
      await expect(guide.getByRole('heading', { name: howTo })).toBeVisible();
    }

    // Copy the owls' notebook: it opens on the kernel that has MLflow.
    await guide.locator(`.jp-dsws-copy-example[data-example="${EXAMPLE}"]`).click();
    const toast = page
      .locator('.Toastify__toast')
      .filter({ hasText: `Copied ${EXAMPLE}` });
    await expect(toast).toBeVisible();
    const path = /to (\S+\.ipynb):/.exec((await toast.textContent()) ?? '')![1];
    const tab = page.locator('#jp-main-dock-panel .lm-TabBar-tab', { hasText: path });
    await expect(tab).toHaveClass(/jp-mod-current/);
    const notebook = page.locator('.jp-NotebookPanel:not(.lm-mod-hidden)');
    await expect(notebook.locator('.jp-Toolbar-kernelName')).toHaveText(
      'Python 3 (MLflow training)',
      { timeout: 60_000 }
    );
    await expect(notebook.locator('.jp-Notebook-ExecutionIndicator')).toHaveAttribute(
      'data-status',
      'idle',
      { timeout: 90_000 }
    );

    // Run it top to bottom; its last code cell registers the best run.
    await page.getByRole('menuitem', { name: 'Run', exact: true }).click();
    await page.getByRole('menuitem', { name: /^Run All Cells/ }).click();
    const registered = notebook
      .locator('.jp-OutputArea-output')
      .filter({ hasText: /Registered owls-arima-\S+ as version \d+/ });
    await expect(registered).toBeVisible({ timeout: 240_000 });
    await expect(
      notebook.locator('.jp-OutputArea-output[data-mime-type*="error"]')
    ).toHaveCount(0);

    // Its runs in the Experiments panel: the three orders, best (lowest RMSE) first.
    await openFeature(page, 'experiments');
    await experiments.getByRole('button', { name: 'Refresh experiments' }).click();
    await openListEntry(experiments, 'Experiments list', EXPERIMENT);
    const sheet = page.getByRole('region', { name: `Runs of ${EXPERIMENT}` });
    const rows = sheet.getByRole('table', { name: 'Runs' }).locator('tbody tr');
    const filter = sheet.getByRole('searchbox', { name: 'Filter runs' });
    await filter.fill("tags.batch LIKE '%' and attributes.run_name LIKE 'owls-arima-%'");
    await filter.press('Enter');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(3);
    // The best RMSE is marked; that run is the one to register.
    const bestRow = rows.filter({
      has: page.locator('td[data-metric="rmse"]').getByLabel('best')
    });
    await expect(bestRow).toHaveCount(1);

    // Register the best from the panel into the team's group.
    const best = (await bestRow.locator('.jp-dsws-exp-run-name').textContent())!;
    await bestRow.getByRole('button', { name: `Register run ${best}` }).click();
    const dialog = page.locator('.jp-Dialog');
    await dialog.getByLabel('Model group').fill(EXPERIMENT);
    await dialog.getByLabel('Artifact path').fill('model');
    await dialog.getByRole('button', { name: 'Register', exact: true }).click();
    const done = page.locator('.Toastify__toast').filter({ hasText: `of ${EXPERIMENT}` });
    await expect(done).toContainText(/version \d+ of/);
    const version = /version (\d+) of/.exec((await done.textContent()) ?? '')![1];

    // Approve it in Models, with a note.
    await done.getByRole('button', { name: 'Open in Models' }).click();
    const detail = page.getByRole('region', {
      name: `Version ${version} of ${EXPERIMENT}`
    });
    await expect(detail).toBeVisible();
    await detail.getByRole('button', { name: `Approve version ${version}` }).click();
    const approval = page.locator('.jp-Dialog');
    await approval
      .getByLabel('Comment')
      .fill('The example notebook forecasts the held-out year best.');
    await approval.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(approval).toHaveCount(0);
    await expect(detail.locator('.jp-dsws-reg-badge').first()).toHaveText('Approved');
    expect(problemsIn(messages)).toEqual([]);
  });

  test('the Help menu opens the same page, one copy button per example notebook', async ({
    page
  }) => {
    const messages = await openLab(page);
    await page.getByRole('menuitem', { name: 'Help', exact: true }).click();
    await page
      .getByRole('menuitem', { name: 'Getting Started with the Data Science Workspace' })
      .click();
    const guide = page.locator('.jp-dsws-guide-tab:visible');
    await expect(
      guide.getByRole('heading', {
        name: 'Getting started with the Data Science Workspace'
      })
    ).toBeVisible();
    await expect(guide.locator('.jp-dsws-copy-example')).toHaveCount(4);
    await expect(
      guide.getByRole('button', { name: 'Copy into my workspace' }).first()
    ).toBeEnabled();
    expect(problemsIn(messages)).toEqual([]);
  });
});

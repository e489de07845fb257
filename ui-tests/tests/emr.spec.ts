import { expect, Locator, Page, test } from '@playwright/test';

import {
  docsImage,
  openFeature,
  openLab,
  problemsIn,
  screenshotSidebar,
  serverPanels
} from './helpers';

// `dsws demo` seeds clusters of each auth type (jupyter_dsws/demo/): "legacy-spark", whose
// primary security group lacks the rule for Livy from the space's group, and
// "team-spark", reachable, whose Livy is the demo's own over a real Spark in local mode
// (it starts in the background: the path check says "starting" meanwhile).
const MISSING_RULE = 'legacy-spark';
const REACHABLE = 'team-spark';

async function openCluster(panel: Locator, name: string): Promise<Locator> {
  const clusters = panel.getByRole('list', { name: 'Clusters' });
  await clusters.getByRole('button', { name: `Open ${name}`, exact: true }).click();
  const view = panel.getByLabel(`Cluster ${name}`, { exact: true });
  await expect(view.getByRole('heading', { name })).toBeVisible();
  // The keyboard is in the opened cluster, on its way back.
  await expect(view.getByRole('button', { name: 'Back to the clusters' })).toBeFocused();
  // The detail is read: its instance groups are shown.
  await expect(view.getByRole('table', { name: 'Instance groups' })).toBeVisible();
  return view;
}

async function checkPath(view: Locator): Promise<Locator> {
  await view.getByRole('button', { name: 'Check the path' }).click();
  const steps = view.getByRole('list', { name: 'Path check' });
  await expect(steps).toBeVisible({ timeout: 20_000 });
  return steps;
}

/** The cell below the connect cell: the person's own, active again after the connect. */
async function runSpark(page: Page, code: string): Promise<Locator> {
  const cells = page.locator('.jp-NotebookPanel:visible .jp-Cell');
  const index = await cells.evaluateAll(all =>
    all.findIndex(cell => cell.classList.contains('jp-mod-active'))
  );
  expect(index).toBe(1);
  // Held by its place: Shift+Enter makes the cell after it the active one.
  const cell = cells.nth(index);
  await cell.locator('.cm-content').click();
  await page.keyboard.type(code);
  await page.keyboard.press('Shift+Enter');
  return cell;
}

test.describe('EMR', () => {
  test('the path check names the missing rule; Connect runs a %%spark cell on a reachable cluster', async ({
    page
  }, testInfo) => {
    test.setTimeout(420_000);
    const messages = await openLab(page);
    expect(await serverPanels(page)).toContain('emr');

    // A workload too big for one instance: the Instances panel leads here.
    const instances = await openFeature(page, 'instances');
    const form = instances.getByRole('form', { name: 'Workload' });
    await form.getByLabel('Model family').selectOption('XGBoost');
    await form.getByLabel('Model size').fill('2 TB');
    await instances
      .getByLabel('Alternative')
      .getByRole('button', { name: 'Open the EMR panel' })
      .click();
    const panel = page.locator('#jp-dsws-emr');
    await expect(panel).toBeVisible();
    await expect(panel.getByRole('heading', { name: 'EMR', exact: true })).toBeVisible();

    // The active clusters, with what a person chooses by.
    const clusters = panel.getByRole('list', { name: 'Clusters' });
    const reachable = clusters.getByRole('listitem', { name: REACHABLE, exact: true });
    await expect(reachable).toContainText('Livy port 8998');
    await expect(reachable).toContainText('Spark');
    await expect(reachable).toContainText(/age /);
    await expect(clusters.getByRole('listitem', { name: MISSING_RULE })).toBeVisible();

    // The cluster without the rule: the check stops at the security group and says
    // which rule to add, with both groups' ids; the later steps say why they did not run.
    let view = await openCluster(panel, MISSING_RULE);
    let steps = await checkPath(view);
    const rule = steps.getByRole('listitem', { name: /^Security group admits Livy/ });
    await expect(rule).toContainText('✗ failed');
    const fix = rule.getByLabel('Fix', { exact: true });
    await expect(fix).toContainText(/sg-[0-9a-f]+/);
    await expect(fix).toContainText('8998');
    expect((await fix.textContent())!.match(/sg-[0-9a-f]+/g)!.length).toBeGreaterThan(1);
    // The rule, copied as the panel shows it.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await fix.getByRole('button', { name: /^Copy the fix/ }).click();
    const shown = (await fix.locator('p').textContent())!.replace(/^Fix:\s*/, '');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
    await expect(
      steps.getByRole('listitem', { name: /^EMR API endpoint/ })
    ).toContainText('✓ passed');
    await expect(view.getByRole('status', { name: 'Path check summary' })).toContainText(
      'Failed at: Security group admits Livy'
    );

    // docs/emr.md's picture: the failed step and its fix.
    const picture = docsImage(testInfo, 'newest', 'emr-check.png');
    if (picture) {
      await view
        .getByRole('button', { name: 'Check the path' })
        .evaluate(button => button.scrollIntoView({ block: 'start' }));
      await screenshotSidebar(page, panel, picture);
    }

    // Back to the list by keyboard; then the reachable cluster, checked until its Livy
    // (starting in the background) answers: the panel checks again by itself meanwhile.
    await view.getByRole('button', { name: 'Back to the clusters' }).press('Enter');
    await expect(
      clusters.getByRole('button', { name: `Open ${MISSING_RULE}` })
    ).toBeFocused();
    view = await openCluster(panel, REACHABLE);
    steps = await checkPath(view);
    const summary = view.getByRole('status', { name: 'Path check summary' });
    await expect(summary).not.toContainText('Livy is starting', { timeout: 300_000 });
    await expect(summary).toContainText(/All \d steps passed/);
    await expect(steps.getByRole('listitem')).toHaveCount(5);

    // No notebook is open: Connect says it makes one, and does.
    await expect(view).toContainText('No notebook is open');
    await view.getByRole('button', { name: `Connect to ${REACHABLE}` }).click();
    await expect(view.getByRole('status', { name: 'Connect outcome' })).toContainText(
      `%%spark cells run on ${REACHABLE}`,
      { timeout: 120_000 }
    );
    const notebook = page.locator('.jp-NotebookPanel:visible');
    // The server's connect cell (%sm_analytics for a cluster in EMR; the demo's clusters,
    // mapped to its Livy, get sparkmagic's %spark add), first, run.
    const connectCell = notebook.locator('.jp-Cell').first();
    await expect(connectCell).toContainText(`EMR cluster ${REACHABLE} (j-`);
    await expect(connectCell.locator('.jp-InputPrompt')).toHaveText(/\[\d+\]/);

    // A Spark statement computed on the cluster; its result in the cell's output.
    const cell = await runSpark(
      page,
      '%%spark\nspark.range(1000).selectExpr("sum(id) AS total").show()'
    );
    await expect(cell.locator('.jp-OutputArea')).toContainText('499500', {
      timeout: 120_000
    });
    expect(problemsIn(messages)).toEqual([]);
  });
});

import { APIRequestContext, expect, Locator, Page, test } from '@playwright/test';

import { contrastProblems, layoutProblems, Theme, useTheme } from './appearance';
import { DEMO_INVENTORY, openFeature, openLab, openSidebar, TOKEN } from './helpers';

const GROUP = 'sorting-hat-algorithm';
const AUTH = { Authorization: `token ${TOKEN}` };

/** A kernel, so that the idle panel shows its table; shut down after the test. */
async function startKernel(request: APIRequestContext): Promise<string> {
  const started = await request.post('/api/kernels', {
    headers: AUTH,
    data: { name: 'python3' }
  });
  expect(started.ok(), await started.text()).toBe(true);
  return (await started.json()).id;
}

/**
 * Every panel of ours and every kind of tab, each in a state that shows most of what it
 * can (a kernel in the idle table, three versions selected, recommendations, a
 * comparison with its best values and badges); `look` is called on each.
 */
async function showEverything(
  page: Page,
  look: (what: string, where: Locator) => Promise<void>
): Promise<void> {
  await look('the Workspace panel', await openSidebar(page));

  const idle = await openFeature(page, 'idle');
  await expect(idle.getByRole('table', { name: 'Kernels and terminals' })).toBeVisible();
  await look('the Idle shutdown panel', idle);

  const instances = await openFeature(page, 'instances');
  const form = instances.getByRole('form', { name: 'Workload' });
  await form.getByLabel('Model family').selectOption('CNN');
  await expect(
    instances.getByRole('list', { name: 'Recommended instances' }).locator(':scope > li')
  ).not.toHaveCount(0);
  await look('the Instances panel', instances);
  // What it says instead of a type, and a size it cannot read.
  await form.getByLabel('Model size').fill('2 TB');
  await expect(instances.getByLabel('Alternative')).toBeVisible();
  await look('the Instances panel with an alternative', instances);
  await form.getByLabel('Model size').fill('lots');
  await expect(form.getByRole('alert')).toBeVisible();
  await look('the Instances panel with a refused size', instances);
  await form.getByLabel('Model size').fill('');

  await instances.getByRole('button', { name: 'Open the instance catalog' }).click();
  const catalog = page.getByRole('region', { name: 'Instance catalog' });
  await expect(catalog.getByRole('table', { name: 'Instance types' })).toBeVisible();
  await look('the Instance catalog', catalog);

  await instances.getByRole('button', { name: 'Open the team inventory' }).click();
  const inventory = page.getByRole('region', { name: 'Team inventory' });
  await inventory.getByLabel('Choose a CSV file').setInputFiles(DEMO_INVENTORY);
  await expect(
    inventory
      .getByRole('table', { name: 'Recommendations per model' })
      .locator('tbody tr')
  ).toHaveCount(4);
  await look('the Team inventory', inventory);

  const repositories = await openFeature(page, 'codecommit');
  await expect(
    repositories
      .getByRole('list', { name: 'CodeCommit repositories' })
      .getByRole('listitem')
  ).not.toHaveCount(0);
  await look('the Repositories panel', repositories);
  // The options a click away, and a refusal where the person clicked.
  const row = repositories.getByRole('listitem', {
    name: 'sagemaker-repository',
    exact: true
  });
  await row
    .getByRole('button', { name: 'Clone options for sagemaker-repository' })
    .click();
  await expect(row.getByRole('form')).toBeVisible();
  const typed = repositories.getByRole('form', { name: 'Clone by name or URL' });
  await typed.getByLabel('Repository name or URL').fill('-not a name');
  await typed.getByRole('button', { name: 'Clone', exact: true }).click();
  await expect(repositories.getByRole('alert')).toContainText(
    'not a CodeCommit repository name'
  );
  await look('the Repositories panel with options and a refusal', repositories);
  await typed.getByLabel('Repository name or URL').fill('');

  const models = await openFeature(page, 'registry');
  await models.getByRole('button', { name: 'Team overview' }).click();
  const overview = page.getByRole('region', { name: 'Team overview' });
  await expect(overview.getByRole('table', { name: 'Groups overview' })).toBeVisible();
  await look('the Team overview', overview);

  await models.getByRole('button', { name: `Open ${GROUP}`, exact: true }).click();
  const sheet = page.getByRole('region', { name: `Versions of ${GROUP}` });
  const versions = sheet.getByRole('table', { name: 'Versions' });
  for (const version of [2, 3, 4]) {
    await versions.getByLabel(`Select version ${version}`).check();
  }
  await look('a group sheet', sheet);
  // Three selected: the sidebar offers "Compare 3" and "Clear".
  await expect(
    models.getByRole('button', { name: 'Compare selected versions' })
  ).toHaveText('Compare 3');
  await look('the Models panel', models);

  await sheet.getByRole('button', { name: 'Compare', exact: true }).click();
  const compare = page.getByRole('region', { name: 'Compare versions' });
  await expect(compare.locator('td.jp-dsws-reg-best').first()).toBeVisible();
  await look('a comparison', compare);

  await compare.getByRole('button', { name: `Open ${GROUP} version 4` }).click();
  const detail = page.getByRole('region', { name: `Version 4 of ${GROUP}` });
  await expect(detail.getByRole('table', { name: 'Metrics' })).toBeVisible();
  await look('a version', detail);
  await models.getByRole('button', { name: 'Clear the selection' }).click();

  // EMR: the clusters and Serverless applications, then a cluster whose path check fails
  // with a fix (the demo's legacy-spark lacks the Livy rule).
  const emr = await openFeature(page, 'emr');
  const clusters = emr.getByRole('list', { name: 'Clusters' });
  await expect(clusters.getByRole('listitem')).not.toHaveCount(0);
  await look('the EMR panel', emr);
  await clusters.getByRole('button', { name: 'Open legacy-spark', exact: true }).click();
  await emr.getByRole('button', { name: 'Check the path' }).click();
  await expect(emr.getByLabel('Fix', { exact: true }).first()).toBeVisible({
    timeout: 20_000
  });
  await look('an EMR cluster with its path check', emr);
  await emr.getByRole('button', { name: 'Back to the clusters' }).click();

  // The getting-started page (Help menu), with its copy buttons.
  await page.getByRole('menuitem', { name: 'Help', exact: true }).click();
  await page
    .getByRole('menuitem', { name: 'Getting Started with the Data Science Workspace' })
    .click();
  const guide = page.locator('.jp-dsws-guide-tab:visible');
  await expect(guide.locator('.jp-dsws-copy-example')).toHaveCount(4);
  // Its examples table with our buttons (the code blocks' colours are JupyterLab's own
  // syntax theme, whose brackets and comments fall below AA in both themes: not ours).
  await look(
    'the getting-started page',
    guide.locator('table').filter({ has: page.locator('.jp-dsws-copy-example') })
  );
}

test.describe('What a person sees', () => {
  let kernel: string | null = null;

  test.afterEach(async ({ page, request }) => {
    // The theme is a saved setting: the next test starts in the light theme again.
    await useTheme(page, 'JupyterLab Light').catch(() => undefined);
    if (kernel) {
      await request.delete(`/api/kernels/${kernel}`, { headers: AUTH });
      kernel = null;
    }
  });

  for (const theme of ['JupyterLab Light', 'JupyterLab Dark'] as Theme[]) {
    test(`every text of ours meets WCAG AA contrast in ${theme}`, async ({
      page,
      request
    }) => {
      kernel = await startKernel(request);
      await openLab(page);
      await useTheme(page, theme);
      const problems: string[] = [];
      await showEverything(page, async (what, where) => {
        problems.push(...(await contrastProblems(where)).map(p => `${what}: ${p}`));
      });
      expect(problems).toEqual([]);
    });
  }

  test('at the default sidebar width nothing overflows and no word is broken', async ({
    page,
    request
  }) => {
    kernel = await startKernel(request);
    await openLab(page);
    const problems: string[] = [];
    await showEverything(page, async (what, where) => {
      problems.push(...(await layoutProblems(where)).map(p => `${what}: ${p}`));
    });
    expect(problems).toEqual([]);
  });
});

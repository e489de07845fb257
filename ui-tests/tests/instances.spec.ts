import { expect, Locator, Page, test } from '@playwright/test';

import {
  DEMO_INVENTORY,
  docsImage,
  openFeature,
  openLab,
  problemsIn,
  savedWorkspace,
  screenshotSidebar,
  TOKEN
} from './helpers';

function openInstances(page: Page): Promise<Locator> {
  return openFeature(page, 'instances');
}

/** "$0.7364/h" → 0.7364; a type without a price sorts last, as Infinity. */
function price(text: string): number {
  const match = /\$([\d,.]+)/.exec(text);
  return match ? Number(match[1].replace(/,/g, '')) : Infinity;
}

test.describe('Instances', () => {
  test("recommends ml.g4dn.xlarge first for the seed's CNN", async ({
    page
  }, testInfo) => {
    const messages = await openLab(page);
    const section = await openInstances(page);

    // `dsws demo` plays Studio: this JupyterLab is the app of the first person's space.
    await expect(section.getByLabel('Current instance')).toContainText(
      'Space harry-potter-lab runs on ml.t3.medium'
    );

    const form = section.getByRole('form', { name: 'Workload' });
    await form.getByLabel('Model family').selectOption('CNN');
    await form.getByLabel('Model size').fill('50 MB');
    await form.getByLabel('GPU', { exact: true }).selectOption('yes');

    const list = section.getByRole('list', { name: 'Recommended instances' });
    const first = list.locator(':scope > li').first();
    await expect(first).toHaveAttribute('aria-label', 'ml.g4dn.xlarge');
    await expect(first).toContainText('NVIDIA T4');
    await expect(first.getByLabel('Monthly cost')).toContainText(
      /with idle shutdown after/
    );
    await expect(first.getByLabel('Monthly cost')).toContainText(
      /\$[\d,.]+\/month if left running/
    );
    const button = first.getByRole('button', { name: 'Switch to ml.g4dn.xlarge' });
    await expect(button).toBeEnabled();
    // The README's picture of the Instances panel.
    const picture = docsImage(testInfo, 'newest', 'instances.png');
    if (picture) {
      await screenshotSidebar(page, section, picture);
    }

    // Another region's prices on request: us-east-1's g4dn.xlarge price is read, not
    // estimated (the demo's own region, eu-central-1, has only estimates).
    await form.getByLabel('Region').selectOption('us-east-1');
    await expect(section.getByText('Recommendations for us-east-1')).toBeVisible();
    await expect(first).toHaveAttribute('aria-label', 'ml.g4dn.xlarge');
    await expect(first).toContainText('$0.7364/h');
    await expect(first).not.toContainText('estimate');
    await form.getByLabel('Region').selectOption('');
    await expect(section.getByText('Recommendations for eu-central-1')).toBeVisible();

    // The seed's XGBoost model is fine on the free-tier type.
    await form.getByLabel('Model family').selectOption('XGBoost');
    await form.getByLabel('Model size').fill('15 Mb');
    await form.getByLabel('GPU', { exact: true }).selectOption('no');
    await expect(list.locator(':scope > li').first()).toHaveAttribute(
      'aria-label',
      'ml.t3.medium'
    );

    // More than one instance holds: the panel says what to use instead, and why.
    await form.getByLabel('Model size').fill('2 TB');
    await expect(section.getByLabel('Alternative')).toContainText(
      /Use an EMR cluster instead: .*largest instance/
    );
    await expect(list).toHaveCount(0);

    // A size nobody can read is refused in the form, before any request.
    await form.getByLabel('Model size').fill('lots');
    await expect(form.getByRole('alert')).toContainText('is not a size');

    expect(problemsIn(messages)).toEqual([]);
  });

  test('the catalog opens in a tab and sorts by price', async ({ page }) => {
    await openLab(page);
    const section = await openInstances(page);
    await section.getByRole('button', { name: 'Open the instance catalog' }).click();

    const catalog = page.getByRole('region', { name: 'Instance catalog' });
    await expect(catalog).toBeVisible();
    await expect(catalog.getByLabel('Price source')).toContainText(
      /as of \d{4}-\d{2}-\d{2}/
    );
    const table = catalog.getByRole('table', { name: 'Instance types' });
    await expect(table.locator('tbody tr[aria-label="ml.g4dn.xlarge"]')).toBeVisible();

    const priceHeader = table.locator('th', { hasText: 'Price per hour' });
    await table.getByRole('button', { name: 'Sort by price per hour' }).click();
    await expect(priceHeader).toHaveAttribute('aria-sort', 'ascending');
    let prices = (await table.locator('tbody tr td:last-child').allInnerTexts()).map(
      price
    );
    expect(prices.length).toBeGreaterThan(20);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));

    await table.getByRole('button', { name: 'Sort by price per hour' }).click();
    await expect(priceHeader).toHaveAttribute('aria-sort', 'descending');
    prices = (await table.locator('tbody tr td:last-child').allInnerTexts())
      .map(price)
      .filter(Number.isFinite);
    expect(prices).toEqual([...prices].sort((a, b) => b - a));

    // GPU only: every row left has a GPU.
    await catalog.getByLabel('GPU only').check();
    const gpus = await table.locator('tbody tr td:nth-child(4)').allInnerTexts();
    expect(gpus.length).toBeGreaterThan(0);
    expect(gpus.every(text => /NVIDIA|×/.test(text))).toBe(true);

    // A second click on "Catalog" shows the same tab, not another one.
    await section.getByRole('button', { name: 'Open the instance catalog' }).click();
    await expect(
      page.locator('.lm-DockPanel-tabBar .lm-TabBar-tab', { hasText: 'Instance catalog' })
    ).toHaveCount(1);
  });

  test('the catalog and inventory tabs are open again after a reload', async ({
    page
  }) => {
    await openLab(page);
    const section = await openInstances(page);
    await section.getByRole('button', { name: 'Open the instance catalog' }).click();
    await expect(page.getByRole('region', { name: 'Instance catalog' })).toBeVisible();
    await section.getByRole('button', { name: 'Open the team inventory' }).click();
    await expect(page.getByRole('region', { name: 'Team inventory' })).toBeVisible();

    // The layout is saved to the server's workspace a moment after it changes.
    await expect
      .poll(async () => {
        return Object.keys(await savedWorkspace(page))
          .filter(key => key.startsWith('dsws-instances:'))
          .sort();
      })
      .toEqual(['dsws-instances:catalog', 'dsws-instances:inventory']);
    // Not a reload: the address may still say `reset`.
    await page.goto(`/lab?token=${TOKEN}`);
    const tabs = page.locator('.lm-DockPanel-tabBar .lm-TabBar-tab');
    await expect(tabs.filter({ hasText: 'Team inventory' })).toHaveCount(1, {
      timeout: 60_000
    });
    await expect(page.getByRole('region', { name: 'Team inventory' })).toBeVisible();
    await tabs.filter({ hasText: 'Instance catalog' }).click();
    const catalog = page.getByRole('region', { name: 'Instance catalog' });
    await expect(
      catalog
        .getByRole('table', { name: 'Instance types' })
        .locator('tbody tr[aria-label="ml.g4dn.xlarge"]')
    ).toBeVisible();
  });

  test('a switch asks first and shows a quota refusal plainly', async ({ page }) => {
    // The demo account may run no app on ml.g4dn.xlarge (the emulator's Service Quotas):
    // the server refuses the switch before it changes anything.
    const switches: unknown[] = [];
    page.on('request', request => {
      if (request.url().includes('/dsws/instances/switch')) {
        switches.push(request.postDataJSON());
      }
    });

    await openLab(page);
    const section = await openInstances(page);
    await expect(section.getByLabel('Current instance')).toContainText(
      'Space harry-potter-lab runs on ml.t3.medium'
    );
    const form = section.getByRole('form', { name: 'Workload' });
    await form.getByLabel('Model family').selectOption('CNN');
    await form.getByLabel('GPU', { exact: true }).selectOption('yes');
    const button = section.getByRole('button', { name: 'Switch to ml.g4dn.xlarge' });
    await expect(button).toBeEnabled();

    // "Cancel" changes nothing.
    await button.click();
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toContainText('Switch to ml.g4dn.xlarge?');
    await expect(dialog).toContainText('running kernels, terminals and jobs in it stop');
    await expect(dialog).toContainText('Every unsaved document is saved first');
    await expect(dialog).toContainText('run it again: it starts on ml.g4dn.xlarge');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    expect(switches).toEqual([]);

    await button.click();
    await dialog.getByRole('button', { name: 'Save, stop and switch' }).click();
    await expect(section.getByRole('alert')).toContainText(
      'Studio JupyterLab Apps running on ml.g4dn.xlarge instance'
    );
    expect(switches).toEqual([{ instance_type: 'ml.g4dn.xlarge' }]);
  });

  test('the team inventory gets a recommendation per model and a total', async ({
    page
  }) => {
    await openLab(page);
    const section = await openInstances(page);
    await section.getByRole('button', { name: 'Open the team inventory' }).click();

    const tab = page.getByRole('region', { name: 'Team inventory' });
    await expect(tab).toBeVisible();
    await tab.getByLabel('Choose a CSV file').setInputFiles(DEMO_INVENTORY);

    const table = tab.getByRole('table', { name: 'Recommendations per model' });
    await expect(table.locator('tbody tr')).toHaveCount(4);
    const cnn = table.locator('tbody tr', { hasText: 'Restricted Section' });
    await expect(cnn).toContainText('ml.g4dn.xlarge');
    await expect(table.locator('tbody tr', { hasText: 'Sorting Hat' })).toContainText(
      'ml.t3.medium'
    );
    await expect(table.getByRole('row', { name: 'Team total' })).toContainText(
      /Team total \(4 models\)\s*\$[\d,.]+\/month\s*\$[\d,.]+\/month/
    );

    // A malformed file: the line and column, and no table.
    await tab
      .getByLabel('Inventory CSV')
      .fill('User,Feature,Model,Memory,GPU usage\nRon,Chess,XGBoost,a lot,No\n');
    await tab.getByRole('button', { name: 'Recommend' }).click();
    await expect(tab.getByRole('alert')).toContainText(/line 2, column Memory/i);
    await expect(table).toHaveCount(0);
  });
});

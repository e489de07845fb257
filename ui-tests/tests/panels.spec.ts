import { expect, test } from '@playwright/test';

import { openFeature, openLab, openSidebar, sidebarTab } from './helpers';

// The "silent" project's server runs with `--DSWSExtension.panels=codecommit`.
test('the left bar shows only the panels the server turned on', async ({ page }) => {
  await openLab(page);

  await expect(await openSidebar(page)).toContainText('Data Science Workspace');
  await expect(await openFeature(page, 'codecommit')).toBeVisible();
  for (const off of ['idle', 'registry', 'instances', 'experiments'] as const) {
    await expect(sidebarTab(page, off)).toHaveCount(0);
  }
  await expect(page.locator('.jp-dsws-panel')).toHaveCount(2);
  await expect(page.locator('.jp-dsws-idle-status-text')).toHaveCount(0);
});

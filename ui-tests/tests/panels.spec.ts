import { expect, test } from '@playwright/test';

import {
  openFeature,
  openLab,
  openSidebar,
  ourSidebarIds,
  serverPanels
} from './helpers';

// The "silent" project's server runs with `--DSWSExtension.panels=codecommit`.
test('the left bar shows only the panels the server turned on', async ({ page }) => {
  await openLab(page);

  await expect(await openSidebar(page)).toContainText('Data Science Workspace');
  await expect(await openFeature(page, 'codecommit')).toBeVisible();
  expect(await serverPanels(page)).toEqual(['codecommit']);
  // No icon for a panel that is off: only the status and Repositories.
  expect(await ourSidebarIds(page)).toEqual(['jp-dsws-sidebar', 'jp-dsws-codecommit']);
  await expect(page.locator('.jp-dsws-panel')).toHaveCount(2);
  await expect(page.locator('.jp-dsws-idle-status-text')).toHaveCount(0);
});

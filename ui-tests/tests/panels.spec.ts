import { expect, test } from '@playwright/test';

import { openLab, openSidebar } from './helpers';

// The "silent" project's server runs with `--DSWSExtension.panels=codecommit`.
test('the sidebar shows only the panels the server turned on', async ({ page }) => {
  await openLab(page);
  const panel = await openSidebar(page);

  await expect(panel.getByRole('region', { name: 'Repositories Section' })).toBeVisible();
  await expect(panel.getByText('Workspace', { exact: true })).toBeVisible();
  await expect(panel.getByText('Idle shutdown', { exact: true })).toHaveCount(0);
  await expect(page.locator('.jp-dsws-idle-status-text')).toHaveCount(0);
});

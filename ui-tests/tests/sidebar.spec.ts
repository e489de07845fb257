import { expect, test } from '@playwright/test';
import * as path from 'path';

import { openLab, openSidebar, problemsIn } from './helpers';

test.describe('Data Science Workspace sidebar', () => {
  test('loads cleanly and shows who we are on AWS', async ({ page }, testInfo) => {
    const messages = await openLab(page);
    const panel = await openSidebar(page);

    await expect(panel.getByRole('heading', { name: 'Data Science Workspace' })).toBeVisible();
    const identity = panel.getByLabel('AWS identity');
    await expect(identity).toContainText('123456789012');
    await expect(identity).toContainText('arn:aws:sts::123456789012:user/moto');
    await expect(identity).toContainText('eu-central-1');
    await expect(panel).toContainText('Not running in SageMaker Studio');
    await expect(panel.getByRole('alert')).toHaveCount(0);

    expect(problemsIn(messages)).toEqual([]);

    if (testInfo.project.name === 'newest') {
      // Tall enough that every section shows in the README's picture.
      await page.setViewportSize({ width: 1280, height: 1500 });
      await panel.screenshot({
        path: path.resolve(__dirname, '..', '..', 'docs', 'images', 'sidebar.png')
      });
    }
  });

  test('"Check again" asks the server again', async ({ page }) => {
    await openLab(page);
    const panel = await openSidebar(page);
    await expect(panel.getByLabel('AWS identity')).toContainText('123456789012');

    const asked = page.waitForResponse(response =>
      response.url().includes('/dsws/status')
    );
    await panel.getByRole('button', { name: 'Check again' }).click();
    expect((await asked).status()).toBe(200);
  });

  test('its preferences are in the Settings Editor', async ({ page }) => {
    await openLab(page);
    await page.getByRole('menuitem', { name: 'Settings', exact: true }).click();
    await page.getByRole('menuitem', { name: /Settings Editor/ }).click();

    const editor = page.locator('#jp-main-dock-panel');
    await editor
      .locator('.jp-PluginList-entry-label-text', { hasText: 'Data Science Workspace' })
      .click();
    await expect(editor.getByText('Status refresh (seconds)')).toBeVisible();
  });
});

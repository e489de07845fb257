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

  test('its settings are in the Settings Editor', async ({ page }) => {
    await openLab(page);
    await page.goto(`/lab?token=dsws-ui-tests`);
    await page.evaluate(async () => {
      await (window as any).jupyterapp?.commands.execute('settingeditor:open', {
        query: 'Data Science Workspace'
      });
    });
    // Without exposeAppInBrowser the command is not reachable from the page: open the
    // editor through the menu, as a person would.
    if (!(await page.locator('.jp-SettingsPanel').isVisible())) {
      await page.getByRole('menuitem', { name: 'Settings' }).click();
      await page.getByRole('menuitem', { name: /Settings Editor/ }).click();
    }
    await expect(page.getByText('Data Science Workspace').first()).toBeVisible();
  });
});

import { expect, test } from '@playwright/test';

import { openLab, problemsIn, savedWorkspace, TOKEN } from './helpers';

// Every command of ours that makes sense without arguments, by its palette label.
const OURS = [
  'Show the Workspace status panel',
  'Show the Idle shutdown panel',
  'Show the Models panel',
  'Show the Repositories panel',
  'Show the Instances panel',
  'Open the Models Team Overview',
  'Open the Instance Catalog',
  'Open the Team Inventory',
  'Data Science Workspace Guide for Data Scientists',
  'Data Science Workspace Admin Guide',
  'Getting Started with the Data Science Workspace'
];

test.describe('Commands', () => {
  test('the command palette finds each of ours by "dsws" and by "Data Science"', async ({
    page
  }) => {
    const messages = await openLab(page);
    const palette = page.locator('.lm-CommandPalette:visible');
    const input = palette.locator('.lm-CommandPalette-input');
    // JupyterLab may close the palette again when it opens while the page settles: each
    // step opens it again when it is gone.
    const openPalette = async () => {
      if (!(await input.isVisible())) {
        await page.getByRole('menuitem', { name: 'View', exact: true }).click();
        await page.getByRole('menuitem', { name: /Activate Command Palette/ }).click();
      }
      await expect(input).toBeVisible({ timeout: 2_000 });
    };
    for (const query of ['dsws', 'Data Science']) {
      await expect(async () => {
        await openPalette();
        await input.fill(query, { timeout: 2_000 });
        const labels = palette.locator(
          '.lm-CommandPalette-item .lm-CommandPalette-itemLabel'
        );
        await expect(labels.first()).toBeVisible({ timeout: 2_000 });
        const shown = await labels.allTextContents();
        expect(OURS.filter(label => !shown.includes(label))).toEqual([]);
        // All under our category.
        await expect(palette.locator('.lm-CommandPalette-header').first()).toContainText(
          'Data Science Workspace',
          { timeout: 2_000 }
        );
      }).toPass({ timeout: 45_000 });
    }

    // And they run: the Models panel shows.
    await expect(async () => {
      await openPalette();
      await input.fill('dsws models panel', { timeout: 2_000 });
      await palette
        .locator('.lm-CommandPalette-item', { hasText: 'Show the Models panel' })
        .click({ timeout: 2_000 });
      await expect(page.locator('#jp-dsws-registry')).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    expect(problemsIn(messages)).toEqual([]);
  });

  test('the Help menu opens the guides, shipped with the extension', async ({ page }) => {
    // Studio has no internet: nothing may come from anywhere but this server.
    const elsewhere: string[] = [];
    page.on('request', request => {
      if (new URL(request.url()).hostname !== '127.0.0.1') {
        elsewhere.push(request.url());
      }
    });
    await openLab(page);
    const help = async (item: string) => {
      await page.getByRole('menuitem', { name: 'Help', exact: true }).click();
      await page.getByRole('menuitem', { name: item }).click();
    };

    await help('Data Science Workspace Guide for Data Scientists');
    const guide = page.locator('.jp-dsws-guide-tab:visible');
    await expect(
      guide.getByRole('heading', { name: 'jupyter_dsws for data scientists' })
    ).toBeVisible();
    // Its picture comes from the extension's own files.
    const picture = guide.getByRole('img', { name: /panels' icons/ });
    await expect(picture).toBeVisible();
    expect(
      await picture.evaluate(img => (img as HTMLImageElement).naturalWidth)
    ).toBeGreaterThan(0);
    // A link to another guide opens that guide.
    await guide.getByRole('link', { name: 'codecommit.md' }).click();
    await expect(
      page
        .locator('.jp-dsws-guide-tab:visible')
        .getByRole('heading', { name: 'Repositories: CodeCommit clone in one click' })
    ).toBeVisible();

    await help('Data Science Workspace Admin Guide');
    await expect(
      page
        .locator('.jp-dsws-guide-tab:visible')
        .getByRole('heading', { name: 'jupyter_dsws for platform admins' })
    ).toBeVisible();
    expect(elsewhere).toEqual([]);
  });

  test('a guide is open again after a reload', async ({ page }) => {
    await openLab(page);
    await page.getByRole('menuitem', { name: 'Help', exact: true }).click();
    await page
      .getByRole('menuitem', { name: 'Data Science Workspace Admin Guide' })
      .click();
    const heading = page
      .locator('.jp-dsws-guide-tab:visible')
      .getByRole('heading', { name: 'jupyter_dsws for platform admins' });
    await expect(heading).toBeVisible();

    // The layout is saved to the server's workspace a moment after it changes.
    await expect
      .poll(async () => {
        return Object.keys(await savedWorkspace(page));
      })
      .toContain('dsws-guide:docs/admin.md');
    // Not a reload: the address may still say `reset`.
    await page.goto(`/lab?token=${TOKEN}`);
    await expect(heading).toBeVisible({ timeout: 60_000 });
    // One tab, named by the guide's own title once it is read.
    await expect(
      page.locator('.lm-TabBar-tab', { hasText: 'jupyter_dsws for platform admins' })
    ).toHaveCount(1);
  });
});

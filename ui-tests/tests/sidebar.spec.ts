import { expect, test } from '@playwright/test';

import {
  docsImage,
  openFeature,
  openLab,
  openSidebar,
  ourSidebarIds,
  panelId,
  problemsIn,
  savedWorkspace,
  screenshotSidebar,
  serverPanels,
  TOKEN
} from './helpers';

test.describe('Data Science Workspace sidebar', () => {
  test('loads cleanly and shows who we are on AWS', async ({ page }, testInfo) => {
    const messages = await openLab(page);
    const panel = await openSidebar(page);

    await expect(
      panel.getByRole('heading', { name: 'Data Science Workspace' })
    ).toBeVisible();
    const identity = panel.getByLabel('AWS identity');
    await expect(identity).toContainText('123456789012');
    await expect(identity).toContainText('arn:aws:sts::123456789012:user/moto');
    await expect(identity).toContainText('eu-central-1');
    // The demo plays Studio: this JupyterLab is the app of the first person's space.
    const space = panel.getByLabel('Studio space');
    await expect(space).toContainText('harry-potter-lab');
    await expect(space).toContainText('ml.t3.medium');
    await expect(panel.getByRole('alert')).toHaveCount(0);

    expect(problemsIn(messages)).toEqual([]);

    // The README's picture: the status, and beside it the icon of every panel.
    const picture = docsImage(testInfo, 'newest', 'sidebar.png');
    if (picture) {
      await page.setViewportSize({ width: 1280, height: 520 });
      await screenshotSidebar(page, panel, picture);
    }
  });

  test('each panel has its own icon in the left bar and the whole height', async ({
    page
  }) => {
    const messages = await openLab(page);
    const height = page.viewportSize()!.height;
    const panels = await serverPanels(page);
    expect(panels.length).toBeGreaterThan(0);
    for (const key of panels) {
      const panel = await openFeature(page, key);
      // Not a fifth of an accordion: most of the window, whatever the other panels show.
      const box = (await panel.locator('.jp-dsws-panel-body').boundingBox())!;
      expect(box.height).toBeGreaterThan(height * 0.7);
      // One panel at a time: the one before is hidden.
      await expect(page.locator('.jp-dsws-panel:visible')).toHaveCount(1);
    }
    // Beside the others, after the file browser.
    expect(await ourSidebarIds(page)).toEqual(['workspace', ...panels].map(panelId));
    const ids = await page
      .locator('.jp-SideBar.jp-mod-left .lm-TabBar-tab')
      .evaluateAll(tabs => tabs.map(tab => tab.getAttribute('data-id')));
    expect(ids.indexOf('filebrowser')).toBeLessThan(ids.indexOf('jp-dsws-sidebar'));
    expect(problemsIn(messages)).toEqual([]);
  });

  test('a page load asks only for the status; a panel asks AWS when a person shows it', async ({
    page
  }) => {
    // Every call to our routes, by path under /dsws/.
    const asked: string[] = [];
    page.on('request', request => {
      const match = /\/dsws\/([^?]*)/.exec(new URL(request.url()).pathname);
      if (match) {
        asked.push(match[1]);
      }
    });
    const status = page.waitForResponse(response =>
      /\/dsws\/status(\?|$)/.test(response.url())
    );
    await openLab(page);
    // The status probe is sent after every panel was set up: once it has answered, a
    // panel that asked at start would have asked already.
    await status;
    await expect(page.locator('.jp-dsws-idle-status-text')).toContainText(
      'Idle shutdown'
    );
    // Idle shutdown's own state (the status-bar countdown) and the person's preferences
    // (our settings, in a shared space) are local: no AWS call.
    expect(
      asked.filter(path => path !== 'status' && !/^(idle|preferences)(\/|$)/.test(path))
    ).toEqual([]);

    const shown = async (key: string, route: string) => {
      const answered = page.waitForResponse(response =>
        new URL(response.url()).pathname.endsWith(`/dsws/${route}`)
      );
      await openFeature(page, key);
      expect((await answered).ok()).toBe(true);
    };
    await shown('registry', 'registry/groups');
    await shown('codecommit', 'codecommit/repos');
    // The servers answer at once; the experiments wait for MLflow, which may still be starting.
    await shown('experiments', 'experiments/servers');
    await shown('emr', 'emr/clusters');
    await shown('instances', 'instances/current');
    // The layout is saved a moment after it changes: let this page's last save land
    // before the next test resets the workspace, or it could undo the reset.
    await expect
      .poll(async () => {
        return (await savedWorkspace(page))['layout-restorer:data']?.left?.current;
      })
      .toBe('jp-dsws-instances');
  });

  test('the open panel is open again after a reload', async ({ page }) => {
    await openLab(page);
    await openFeature(page, 'registry');
    // The layout is saved to the server's workspace a moment after it changes.
    await expect
      .poll(async () => {
        return (await savedWorkspace(page))['layout-restorer:data']?.left?.current;
      })
      .toBe('jp-dsws-registry');
    // Not a reload: the address may still say `reset`.
    await page.goto(`/lab?token=${TOKEN}`);
    await expect(page.locator('#jp-dsws-registry')).toBeVisible({ timeout: 60_000 });
    await expect(page.locator('#jp-dsws-sidebar')).toBeHidden();
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

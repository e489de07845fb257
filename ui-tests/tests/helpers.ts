import { ConsoleMessage, expect, Page } from '@playwright/test';

export { TOKEN } from '../servers';
import { TOKEN } from '../servers';

/**
 * Open JupyterLab and collect what the console says while it loads: the test fails on
 * "Unsatisfied version" (a shared package our build needs that this JupyterLab lacks)
 * and on any error that names our extension.
 */
export async function openLab(page: Page): Promise<string[]> {
  const messages: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    messages.push(`${message.type()}: ${message.text()}`);
  });
  // `reset`: each test starts from a fresh workspace, not the layout the last one left.
  await page.goto(`/lab?reset&token=${TOKEN}`);
  await expect(page.locator('#jp-main-dock-panel')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('.jp-LabShell')).not.toHaveClass(/jp-mod-devMode-loading/);
  return messages;
}

export function problemsIn(messages: string[]): string[] {
  return messages.filter(
    text =>
      /Unsatisfied version/i.test(text) ||
      (/^error/.test(text) && /dsws/i.test(text))
  );
}

/** Click our entry in the left sidebar and return the panel. */
export async function openSidebar(page: Page) {
  const tab = page.locator('.jp-SideBar.jp-mod-left [data-id="jp-dsws-sidebar"]');
  await expect(tab).toBeVisible();
  await expect(tab).toHaveAttribute('title', 'Data Science Workspace');
  const panel = page.locator('#jp-dsws-sidebar');
  if (!(await panel.isVisible())) {
    await tab.click();
  }
  await expect(panel).toBeVisible();
  return panel;
}

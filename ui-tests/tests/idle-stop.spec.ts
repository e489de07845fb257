import { expect, test } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

import { openLab, openSidebar } from './helpers';

// The "idle" project's server runs `dsws demo` with a 30-second idle timeout, a 15-second
// warning and checks every second; outside Studio the stop is the server's own.
const ROOT = path.resolve(__dirname, '..', '..', 'build', 'ui-tests', 'idle');

test('warns with a countdown and saves an unsaved notebook before the server stops', async ({
  page
}) => {
  test.setTimeout(180_000);
  await openLab(page);

  // A new notebook (a person's activity: the countdown starts from here).
  await page.locator('.jp-LauncherCard[data-category="Notebook"]').first().click();
  const notebook = page.locator('.jp-NotebookPanel').first();
  await expect(notebook).toBeVisible();
  const name = (await page.locator('.jp-mod-current .lm-TabBar-tabLabel').first().textContent())!;

  // An edit that lives only in the browser: nobody saves it.
  await notebook.locator('.jp-Cell .cm-content').first().click();
  await page.keyboard.type("answer = 'kept by idle shutdown'");
  await expect(page.locator('.jp-mod-current.jp-mod-dirty')).toHaveCount(1);

  // The countdown, in the status bar and in our panel.
  await expect(page.locator('.jp-dsws-idle-status-text')).toContainText(/Idle shutdown in \d+ s/);
  const panel = await openSidebar(page);
  await panel.getByText('Idle shutdown', { exact: true }).click();
  await expect(panel.getByLabel('App countdown')).toContainText('This server stops in');

  // The warning, with its button.
  const warning = page.locator('.Toastify__toast').filter({ hasText: 'stops in' });
  await expect(warning).toBeVisible({ timeout: 60_000 });
  await expect(warning.getByRole('button', { name: 'Keep working' })).toBeVisible();

  // The server stops, and the edit is on disk.
  const file = path.join(ROOT, name.trim());
  await expect
    .poll(() => (fs.existsSync(file) ? fs.readFileSync(file, 'utf-8') : ''), {
      timeout: 90_000
    })
    .toContain('kept by idle shutdown');
  await expect
    .poll(
      async () => {
        try {
          const response = await page.request.get('/api/status?token=dsws-ui-tests');
          return response.status();
        } catch {
          return 0; // connection refused: the server has stopped
        }
      },
      { timeout: 90_000 }
    )
    .toBe(0);
});

import { expect, test } from '@playwright/test';
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { demoArgs, PORTS, TOKEN, WORK } from '../servers';
import { openFeature, openLab } from './helpers';

// This test starts its own `dsws demo` with a 30-second idle timeout, a 15-second warning
// and a check every second (outside Studio the stop is the server's own): started with the
// other servers, it would stop itself before the test came.
const ROOT = path.join(WORK, 'idle');
let server: ChildProcess | null = null;

test.beforeAll(async () => {
  fs.rmSync(ROOT, { recursive: true, force: true });
  const [command, ...args] = demoArgs(
    'newest',
    PORTS.idle,
    'idle',
    '--IdleShutdown.timeout_minutes=0.5',
    '--IdleShutdown.min_timeout_minutes=0.1',
    '--IdleShutdown.warning_minutes=0.25',
    '--IdleShutdown.check_interval_seconds=1',
    '--IdleShutdown.save_wait_seconds=20'
  );
  server = spawn(command, args, { detached: true, stdio: 'ignore' });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const response = await fetch(
        `http://127.0.0.1:${PORTS.idle}/api/status?token=${TOKEN}`
      );
      if (response.ok) {
        break;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error('the idle demo server did not start');
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
});

test.afterAll(() => {
  // Normally the server has stopped itself; SIGTERM lets `dsws demo` clean up otherwise.
  if (server?.pid && server.exitCode === null) {
    process.kill(-server.pid, 'SIGTERM');
  }
});

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

  // The countdown, in the status bar and in our panel, which a click on the former opens.
  const item = page.locator('.jp-dsws-idle-status-text');
  await expect(item).toContainText(/Idle shutdown in \d+ s/);
  await item.click();
  await expect(page.locator('#jp-dsws-idle')).toBeVisible();
  const panel = await openFeature(page, 'idle');
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
          const response = await page.request.get(`/api/status?token=${TOKEN}`);
          return response.status();
        } catch {
          return 0; // connection refused: the server has stopped
        }
      },
      { timeout: 90_000 }
    )
    .toBe(0);
});

import { expect, Page, test } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

import { PORTS, studioPort, TOKEN, WORK } from '../servers';
import {
  docsImage,
  openFeature,
  openFileBrowser,
  openLab,
  writeLabSetting
} from './helpers';
import { OwnDemo, startOwnDemo } from './own-demo';

// This test starts its own `dsws demo` with a 30-second idle timeout, a 15-second warning
// and a check every second: started with the other servers, it would stop itself before the
// test came. The demo plays Studio, so the stop deletes the space's app through SageMaker's
// API, and the demo's Studio page runs it again. JupyterLab autosaves every 2 s, so that
// documents are written all the time while nobody works.
const ROOT = path.join(WORK, 'idle');
const TIMEOUT_S = 30;
const CHECK_S = 1;
let demo: OwnDemo | null = null;

test.beforeAll(async () => {
  demo = await startOwnDemo('idle', PORTS.idle, {
    prepare: () =>
      writeLabSetting(ROOT, '@jupyterlab/docmanager-extension/plugin', {
        autosave: true,
        autosaveInterval: 2
      }),
    labArgs: [
      '--IdleShutdown.timeout_minutes=0.5',
      '--IdleShutdown.min_timeout_minutes=0.1',
      '--IdleShutdown.warning_minutes=0.25',
      `--IdleShutdown.check_interval_seconds=${CHECK_S}`,
      '--IdleShutdown.save_wait_seconds=20'
    ]
  });
});

// Normally the server has stopped itself; SIGTERM lets `dsws demo` clean up otherwise.
test.afterAll(() => demo?.stop());

/**
 * Watch the page from its start: the most warning toasts ever on screen at once, and when
 * the stop notice first showed (the page's clock, which is this machine's).
 */
async function watchPage(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen = { maxWarnings: 0, warnings: 0, noticeAt: 0 };
    (window as any).__dswsIdle = seen;
    const look = () => {
      const warnings = Array.from(document.querySelectorAll('.Toastify__toast')).filter(
        t => (t.textContent ?? '').includes('nobody has worked in it')
      ).length;
      seen.warnings = warnings;
      seen.maxWarnings = Math.max(seen.maxWarnings, warnings);
      if (!seen.noticeAt && document.querySelector('.jp-dsws-stop-notice')) {
        seen.noticeAt = Date.now();
      }
    };
    new MutationObserver(look).observe(document, { childList: true, subtree: true });
  });
}

async function serverAnswers(page: Page): Promise<boolean> {
  try {
    const response = await page.request.get(`/api/status?token=${TOKEN}`, {
      timeout: 2000
    });
    return response.ok();
  } catch {
    return false; // connection refused: the server has stopped
  }
}

async function newNotebook(page: Page): Promise<string> {
  await page
    .locator('.jp-Launcher:visible .jp-LauncherCard[data-category="Notebook"]')
    .first()
    .click();
  const tab = page.locator('.lm-DockPanel-tabBar .lm-TabBar-tab.jp-mod-current');
  await expect(tab).toHaveText(/\.ipynb$/);
  const name = (await tab.textContent())!.trim();
  await expect(
    page.locator('.jp-NotebookPanel:visible .jp-Cell .cm-content')
  ).toBeVisible();
  return name;
}

async function typeInNotebook(page: Page, text: string): Promise<void> {
  await page.locator('.jp-NotebookPanel:visible .jp-Cell .cm-content').first().click();
  await page.keyboard.press('End');
  await page.keyboard.type(text);
}

function onDisk(name: string): string {
  const file = path.join(ROOT, name);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf-8') : '';
}

test('with notebooks open and autosave on, nobody working: one warning, the stop, a page that says so', async ({
  page
}, testInfo) => {
  test.setTimeout(180_000);
  let firstFailure = 0;
  page.on('requestfailed', request => {
    if (!firstFailure && !/ERR_ABORTED/.test(request.failure()?.errorText ?? '')) {
      firstFailure = Date.now();
    }
  });
  await watchPage(page);
  await openLab(page);

  // Two notebooks: one saved, one with an edit left to the saves (autosave, and ours).
  const saved = await newNotebook(page);
  await typeInNotebook(page, 'saved_first = 1');
  await expect.poll(() => onDisk(saved)).toContain('saved_first = 1');
  await page.locator('.lm-DockPanel-tabBar .lm-TabBar-addButton').first().click(); // a launcher
  const edited = await newNotebook(page);
  await typeInNotebook(page, "answer = 'kept by idle shutdown'");

  // The countdown, in the status bar and in our panel, which a click on the former opens.
  const item = page.locator('.jp-dsws-idle-status-text');
  await expect(item).toContainText(/Idle shutdown in \d+ s/);
  await item.click();
  const panel = await openFeature(page, 'idle');
  await expect(panel.getByLabel('App countdown')).toContainText(
    'This Studio app stops in'
  );

  // The warning, with its button. Autosave writes the edited notebook meanwhile: that is no
  // person, and the warning stays.
  const warning = page
    .locator('.Toastify__toast')
    .filter({ hasText: 'nobody has worked in it' });
  await expect(warning).toHaveCount(1, { timeout: 40_000 });
  await expect(warning.getByRole('button', { name: 'Keep working' })).toBeVisible();
  await expect.poll(() => onDisk(edited)).toContain('kept by idle shutdown');
  await expect(warning).toHaveCount(1);

  // A person types in the notebook during the warning: the app stays, the warning goes.
  await typeInNotebook(page, '  # still here');
  const lastInput = Date.now();
  await expect(warning).toHaveCount(0);
  await expect(item).toContainText(/Idle shutdown in \d+ s/);

  // Nobody again: a new warning (one), then the stop. Before the connection goes, the page
  // says what happened and what to do, over everything else.
  await expect(warning).toHaveCount(1, { timeout: 40_000 });
  const notice = page.locator('.jp-dsws-stop-notice');
  await expect(notice).toBeVisible({ timeout: 40_000 });
  await expect(notice).toContainText(
    /Stopped by idle shutdown at \d{1,2}:\d{2}.* after 3\d s with nothing running\./
  );
  await expect(notice).toContainText('Your documents were saved.');
  await expect(notice).toContainText("Run the space again from the demo's Studio page");
  await expect
    .poll(() => serverAnswers(page), { timeout: 30_000, intervals: [200] })
    .toBe(false);
  const stopped = Date.now();

  // On time: a timeout after the person's last keystroke, within a check interval (and the
  // 2 s the tab may take to report it, and the browser's own slack).
  const after = (stopped - lastInput) / 1000;
  expect(after).toBeGreaterThanOrEqual(TIMEOUT_S - 1);
  expect(after).toBeLessThanOrEqual(TIMEOUT_S + CHECK_S + 2 + 3);

  const seen = await page.evaluate(() => (window as any).__dswsIdle);
  expect(seen.maxWarnings).toBe(1);
  expect(seen.noticeAt).toBeGreaterThan(0);
  if (firstFailure) {
    expect(seen.noticeAt).toBeLessThan(firstFailure);
  }
  expect(onDisk(edited)).toContain("answer = 'kept by idle shutdown'  # still here");
  expect(onDisk(saved)).toContain('saved_first = 1');

  // Once the tab finds the server gone, the notice says so; JupyterLab's own "Server
  // Connection Error" (made when its polls fail) stays under it.
  await expect(notice).toContainText('This Studio app has stopped');
  await expect(
    page.locator('.jp-Dialog').filter({ hasText: 'Server Connection Error' })
  ).toHaveCount(1, { timeout: 60_000 });
  const box = (await notice.boundingBox())!;
  const topmost = await page.evaluate(
    ([x, y]) => !!document.elementFromPoint(x, y)?.closest('.jp-dsws-stop-notice'),
    [box.x + box.width / 2, box.y + box.height / 2]
  );
  expect(topmost).toBe(true);
  const picture = docsImage(testInfo, 'idle', 'idle-stopped.png');
  if (picture) {
    const card = (await notice.locator('.jp-dsws-stop-notice-card').boundingBox())!;
    await page.screenshot({
      path: picture,
      clip: {
        x: card.x - 24,
        y: card.y - 24,
        width: card.width + 48,
        height: card.height + 48
      }
    });
  }

  // Studio shows the space stopped (its app deleted, the emulator's state kept); Run
  // starts it again with everything still there.
  const studio = await page.context().newPage();
  await studio.goto(`http://127.0.0.1:${studioPort(PORTS.idle)}/?token=${TOKEN}`);
  const mine = studio.locator('tr[data-space="harry-potter-lab"]');
  await expect(mine.locator('.status')).toHaveText('Stopped', { timeout: 30_000 });
  await mine.getByRole('button', { name: 'Run' }).click();
  await expect(mine.locator('.status')).toHaveText('InService', { timeout: 90_000 });
  await openLab(studio);
  await expect(
    (await openFileBrowser(studio))
      .locator('.jp-DirListing-item')
      .filter({ hasText: edited })
  ).toBeVisible();
  expect(onDisk(edited)).toContain("answer = 'kept by idle shutdown'  # still here");
});

import { expect, Page, test } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

import { WORK } from '../servers';

import { openLab, panelId } from './helpers';

/**
 * Press Tab until `matches` holds for the focused element (it runs in the page, so it
 * reads nothing of this file but `arg`); false after `most` presses.
 */
async function tabUntil(
  page: Page,
  matches: (element: Element, arg: string) => boolean,
  arg = '',
  most = 200
): Promise<boolean> {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab');
    const call = `(${matches.toString()})(document.activeElement, ${JSON.stringify(arg)})`;
    if (await page.evaluate(call)) {
      return true;
    }
  }
  return false;
}

test('the idle countdown in the status bar opens its panel by keyboard, whose controls all have names', async ({
  page
}) => {
  await openLab(page);
  const item = page.getByRole('button', { name: /^Idle shutdown/ });
  await expect(item).toContainText(/Idle shutdown (in|off|:)/);
  const panel = page.locator(`#${panelId('idle')}`);
  await expect(panel).toBeHidden();

  // A person without a mouse reaches the countdown with Tab and opens it with Enter.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  expect(
    await tabUntil(page, element =>
      element.classList.contains('jp-dsws-idle-status-text')
    )
  ).toBe(true);
  await expect(item).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panel).toBeVisible();
  await expect(panel.getByLabel('Idle settings')).toBeVisible();

  // Space does it too (a button, not a clickable text).
  await page.locator('.jp-SideBar.jp-mod-left [data-id="filebrowser"]').click();
  await expect(panel).toBeHidden();
  await item.focus();
  await page.keyboard.press(' ');
  await expect(panel).toBeVisible();

  // Every control in the panel is reached by Tab and says what it is.
  await panel.locator('input, button, select, a[href], [tabindex="0"]').first().focus();
  const names: string[] = [];
  for (;;) {
    const focused = page.locator(':focus');
    if (!(await panel.locator(':focus').count())) {
      break;
    }
    await expect(focused).toHaveAccessibleName(/\S/);
    names.push((await focused.evaluate(element => element.outerHTML)).slice(0, 60));
    await page.keyboard.press('Tab');
  }
  expect(names.length).toBeGreaterThanOrEqual(3); // the timeout, the terminals, Save
});

test('the Repositories panel is reached and worked by keyboard alone', async ({
  page
}, testInfo) => {
  // Not cloned yet (codecommit.spec.ts may have left its clone): its Clone buttons show.
  const workspace = { newest: 'newest', 'studio-4.5': 'studio' }[testInfo.project.name];
  fs.rmSync(path.join(WORK, workspace ?? testInfo.project.name, 'sagemaker-repository'), {
    recursive: true,
    force: true
  });
  await openLab(page);
  // The panel's icon in the left bar: Tab reaches the bar, the arrow keys the icon (the
  // bar is one stop, as Lumino's tab bars are), Enter opens it.
  // JupyterLab may still move the focus while it restores its layout: start over then.
  const focusedId = () =>
    page.evaluate(() => document.activeElement?.getAttribute('data-id') ?? '');
  await expect(async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    expect(
      await tabUntil(page, element => element.closest('.jp-SideBar.jp-mod-left') !== null)
    ).toBe(true);
    for (let i = 0; i < 20 && (await focusedId()) !== panelId('codecommit'); i++) {
      await page.keyboard.press('ArrowDown');
    }
    expect(await focusedId()).toBe(panelId('codecommit'));
  }).toPass({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  const panel = page.locator(`#${panelId('codecommit')}`);
  await expect(panel).toBeVisible();
  const row = panel.getByRole('listitem', { name: 'sagemaker-repository', exact: true });
  await expect(row).toContainText("The team's notebooks");

  // Tab from the filter through the whole panel: every control has a name.
  const filter = panel.getByRole('searchbox', { name: 'Filter repositories' });
  await filter.focus();
  const names: string[] = [];
  while (await panel.locator(':focus').count()) {
    const focused = page.locator(':focus');
    await expect(focused).toHaveAccessibleName(/\S/);
    names.push(
      await focused.evaluate(element => element.getAttribute('aria-label') ?? '')
    );
    await page.keyboard.press('Tab');
  }
  expect(names).toEqual(
    expect.arrayContaining([
      'Filter repositories',
      'Refresh repositories',
      'Clone sagemaker-repository',
      'Clone options for sagemaker-repository'
    ])
  );

  // Typed into the filter, the list narrows to what matches.
  // Typed again if JupyterLab took the focus away while it settled (it did, under load).
  await expect(async () => {
    await filter.focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('no such repository');
    await expect(filter).toHaveValue('no such repository', { timeout: 2_000 });
    await expect(filter).toBeFocused({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(row).toHaveCount(0);
  await filter.press('Control+a');
  await filter.press('Backspace');
  await expect(filter).toHaveValue('');
  await expect(row).toBeVisible();

  // The clone options open with Enter on their button and close with the form's Close.
  expect(
    await tabUntil(
      page,
      element =>
        element.getAttribute('aria-label') === 'Clone options for sagemaker-repository'
    )
  ).toBe(true);
  await page.keyboard.press('Enter');
  const form = row.getByRole('form', { name: 'Clone sagemaker-repository' });
  await expect(form.getByLabel('Folder')).toHaveValue('sagemaker-repository');
  expect(
    await tabUntil(
      page,
      element => element.textContent === 'Close' && element.closest('form') !== null
    )
  ).toBe(true);
  await page.keyboard.press('Enter');
  await expect(form).toHaveCount(0);
  // Refresh answers a key press too: the list is read again.
  const listed = page.waitForResponse(response =>
    new URL(response.url()).pathname.endsWith('/dsws/codecommit/repos')
  );
  await panel.getByRole('button', { name: 'Refresh repositories' }).focus();
  await page.keyboard.press(' ');
  expect((await listed).ok()).toBe(true);
});

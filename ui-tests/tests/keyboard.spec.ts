import { expect, Page, test } from '@playwright/test';

import { openLab, panelId } from './helpers';

/** Press Tab until `matches` holds for the focused element; false after `most` presses. */
async function tabUntil(
  page: Page,
  matches: (element: Element) => boolean,
  most = 200
): Promise<boolean> {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(`(${matches.toString()})(document.activeElement)`)) {
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

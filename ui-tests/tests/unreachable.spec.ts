import { expect, test } from '@playwright/test';

import { docsImage, openLab, openSidebar, screenshotSidebar } from './helpers';

// Runs twice: against a port that refuses (project "unreachable") and against one that
// accepts and never answers (project "silent"); both must name the endpoint within 10 s.
test('an unreachable AWS endpoint is named in the panel within seconds', async ({
  page
}, testInfo) => {
  await openLab(page);
  const panel = await openSidebar(page);

  // Other sections may say AWS is unreachable too; this is the workspace status's own.
  const alert = panel.locator('.jp-dsws-status-section').getByRole('alert');
  await expect(alert).toContainText('AWS is not reachable', { timeout: 10_000 });
  await expect(alert).toContainText('com.amazonaws.eu-central-1.sts');
  const picture = docsImage(testInfo, 'unreachable', 'sidebar-unreachable.png');
  if (picture) {
    await page.setViewportSize({ width: 1280, height: 640 });
    await screenshotSidebar(page, panel, picture);
  }
});

test('a page load asks no panel for AWS: no error in the console without endpoints', async ({
  page
}) => {
  const errors: string[] = [];
  page.on('console', message => {
    if (message.type() === 'error' && message.location().url.includes('/dsws/')) {
      errors.push(`${message.text()} (${message.location().url})`);
    }
  });
  const answers: string[] = [];
  page.on('response', response => {
    if (response.url().includes('/dsws/') && !response.ok()) {
      answers.push(`${response.status()} ${new URL(response.url()).pathname}`);
    }
  });
  await openLab(page);
  const panel = await openSidebar(page);
  // The status probe answers (saying AWS is unreachable) once every panel is set up.
  await expect(panel.locator('.jp-dsws-status-section').getByRole('alert')).toContainText(
    'AWS is not reachable',
    { timeout: 10_000 }
  );
  expect(answers).toEqual([]);
  expect(errors).toEqual([]);
});

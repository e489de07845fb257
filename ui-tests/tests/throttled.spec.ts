import { expect, Locator, Page, test } from '@playwright/test';
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { demoArgs, PORTS, TOKEN, WORK } from '../servers';
import { openFeature, openLab } from './helpers';

// The account is busy: this test starts its own `dsws demo` whose emulator answers half of
// all AWS calls with the service's throttling error (DSWS_EMULATOR_THROTTLE, engaged once
// the seed is in). The panels must still show rows, with their age, and the server may
// answer no 5xx but the documented 503 "throttled".
const ROOT = path.join(WORK, 'throttled');
const STATE = path.join(WORK, 'throttled-state');
let server: ChildProcess | null = null;

test.beforeAll(async () => {
  fs.rmSync(ROOT, { recursive: true, force: true });
  fs.rmSync(STATE, { recursive: true, force: true });
  const args = demoArgs('newest', PORTS.throttled, 'throttled');
  args.splice(args.indexOf('--'), 0, `--state-dir=${STATE}`);
  const [command, ...rest] = args;
  server = spawn(command, rest, {
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, DSWS_EMULATOR_THROTTLE: '0.5' }
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const response = await fetch(
        `http://127.0.0.1:${PORTS.throttled}/api/status?token=${TOKEN}`
      );
      if (response.ok) {
        break;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error('the throttled demo server did not start');
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
});

test.afterAll(() => {
  if (server?.pid && server.exitCode === null) {
    process.kill(-server.pid, 'SIGTERM');
  }
});

/** Every answer of a dsws route that is a 5xx other than the documented 503 throttled. */
function watchServerErrors(page: Page): string[] {
  const wrong: string[] = [];
  page.on('response', async response => {
    if (!response.url().includes('/dsws/') || response.status() < 500) {
      return;
    }
    const body = await response.json().catch(() => ({}));
    const retry = response.headers()['retry-after'];
    if (response.status() !== 503 || body.error !== 'throttled' || !retry) {
      wrong.push(`${response.status()} ${body.error} ${response.url()}`);
    }
  });
  return wrong;
}

/**
 * Click Refresh until the list shows rows: a panel's first read has no earlier answer to
 * stand in, so it may be the 503 (the panel says AWS is throttling) a few times.
 */
async function rowsAppear(rows: Locator, refresh: Locator): Promise<void> {
  await expect(async () => {
    if ((await rows.count()) === 0 && (await refresh.isEnabled())) {
      await refresh.click();
    }
    await expect(rows.first()).toBeVisible({ timeout: 4_000 });
  }).toPass({ timeout: 120_000 });
}

test('with half the AWS calls throttled the Models and Repositories panels show rows and their age', async ({
  page
}) => {
  test.setTimeout(300_000);
  const wrong = watchServerErrors(page);
  await openLab(page);

  const models = await openFeature(page, 'registry');
  const groups = models.getByRole('list', { name: 'Model groups' }).getByRole('listitem');
  const refreshModels = models.getByRole('button', { name: 'Refresh models' });
  await rowsAppear(groups, refreshModels);
  const count = await groups.count();
  // The answer ages in view: the panel says so once it is no longer fresh.
  await expect(models.getByText(/^as of \d+ s ago$/)).toBeVisible({ timeout: 30_000 });
  // Each Refresh reads AWS; when AWS throttles it, the last list stays with a notice.
  await expect(async () => {
    await refreshModels.click();
    await expect(refreshModels).toBeEnabled();
    await expect(groups).toHaveCount(count);
    await expect(models.locator('.jp-dsws-as-of-notice')).toContainText(
      /AWS is throttling sagemaker:\w+ .*answered \d+ s ago/,
      { timeout: 1_000 }
    );
  }).toPass({ timeout: 120_000 });

  const repositories = await openFeature(page, 'codecommit');
  const repos = repositories
    .getByRole('list', { name: 'CodeCommit repositories' })
    .getByRole('listitem');
  await rowsAppear(
    repos,
    repositories.getByRole('button', { name: 'Refresh repositories' })
  );
  await expect(repositories.getByText(/^as of \d+ s ago$/)).toBeVisible({
    timeout: 30_000
  });

  expect(wrong).toEqual([]);
});

import { expect, Page, test } from '@playwright/test';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { DIST, ENVS, PORTS, studioPort, TOKEN, WORK } from '../servers';
import { openFeature, openFileBrowser, openLab } from './helpers';
import { OwnDemo, startOwnDemo } from './own-demo';

// The demo plays SageMaker Studio: this test starts its own `dsws demo` and goes through an
// admin's and a data scientist's day on its Studio page and in JupyterLab. The admin
// attaches a new lifecycle configuration with the dsws commands; the person's space runs
// it (its log, in the emulator's CloudWatch Logs, says it installed offline from S3); the
// person switches the space's instance from the Instances panel, finds the space stopped,
// runs it again, and finds the new type, their files and their idle choice.
const BUILT = path.join(WORK, 'spaces-lifecycle');
const STUDIO = `http://127.0.0.1:${studioPort(PORTS.spaces)}`;
const SPACE = 'harry-potter-lab';
const DOMAIN = 'd-dswsdemo0000';
const BUCKET = 'dsws-artifacts-123456789012-eu-central-1';
let demo: OwnDemo | null = null;
let endpoint = '';

test.beforeAll(async () => {
  fs.rmSync(BUILT, { recursive: true, force: true });
  const emulator = /AWS emulator\s+(http:\/\/127\.0\.0\.1:\d+)/;
  demo = await startOwnDemo('spaces', PORTS.spaces, { ready: emulator });
  endpoint = emulator.exec(demo.printed())![1];
});

test.afterAll(() => demo?.stop());

/** An admin's `dsws …` against the demo's emulator, with its fake credentials. */
function dsws(...args: string[]): string {
  return execFileSync(path.join(ENVS, 'newest', 'bin', 'dsws'), args, {
    encoding: 'utf-8',
    env: {
      ...process.env,
      AWS_ENDPOINT_URL: endpoint,
      AWS_REGION: 'eu-central-1',
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null'
    }
  });
}

/** `dsws lifecycle build` of our wheel, to be published at `uri`, into `out`. */
function buildLifecycle(uri: string, out: string, ...options: string[]): void {
  const wheels = fs.readdirSync(DIST).filter(name => /^jupyter_dsws-.*\.whl$/.test(name));
  const wheel = path.join(DIST, wheels[0]);
  dsws('lifecycle', 'build', '--wheel', wheel, '--s3-uri', uri, '--out', out, ...options);
}

/** `dsws lifecycle attach` of the script built into `out`, as the domain's built-in one. */
function attachBuiltIn(out: string): string {
  const script = path.join(out, 'jupyterlab-on-start.sh');
  return dsws(
    'lifecycle',
    'attach',
    '--script',
    script,
    '--domain',
    DOMAIN,
    '--built-in'
  );
}

async function openStudio(page: Page) {
  await page.goto(`${STUDIO}/?token=${TOKEN}`);
  const row = page.locator(`tr[data-space="${SPACE}"]`);
  await expect(row).toBeVisible();
  return row;
}

test('an admin attaches, a person runs, switches and comes back to everything', async ({
  page,
  context
}) => {
  test.setTimeout(6 * 60_000);
  const studio = await context.newPage();
  const mine = await openStudio(studio);
  await expect(mine.locator('.status')).toHaveText('InService', { timeout: 90_000 });
  await expect(mine.getByLabel(`Instance type of ${SPACE}`)).toHaveValue('ml.t3.medium');
  await expect(studio.locator('#people')).toContainText('hermione-granger');
  // The domain's built-in lifecycle configuration installed the product from S3.
  await mine.getByRole('button', { name: 'Lifecycle log' }).click();
  const log = studio.locator('#log');
  await expect(log).toContainText(
    `downloading the wheelhouse from s3://${BUCKET}/lifecycle`
  );
  await expect(log).toContainText(
    /dsws-lcc: installed: jupyter_dsws \S+ \(wheelhouse downloaded\)/
  );

  // The admin: a new configuration whose default idle timeout is 90 minutes, attached as
  // the domain's built-in one; it applies from the space's next start.
  const uri = `s3://${BUCKET}/lifecycle-v2`;
  buildLifecycle(uri, BUILT, '--idle-timeout-minutes', '90', '--idle-max-minutes', '600');
  dsws('lifecycle', 'publish', '--s3-uri', uri, '--out', BUILT);
  const attached = attachBuiltIn(BUILT);
  expect(attached).toContain('as its built-in lifecycle configuration');

  // The person: a file of their own, and their own idle choice.
  await openLab(page);
  const saved = await page.request.put(`/api/contents/mine.txt?token=${TOKEN}`, {
    data: { type: 'file', format: 'text', content: 'my work\n' }
  });
  expect(saved.ok()).toBe(true);
  const idle = await openFeature(page, 'idle');
  const timeout = idle.getByLabel('Stop after idle (minutes)');
  await timeout.fill('75');
  await idle.getByRole('button', { name: 'Save' }).click();
  await expect(timeout).toHaveValue('75');

  // The switch, from the Instances panel: the space is updated and its app stops.
  const section = await openFeature(page, 'instances');
  await expect(section.getByLabel('Current instance')).toContainText(
    `Space ${SPACE} runs on ml.t3.medium`
  );
  const form = section.getByRole('form', { name: 'Workload' });
  await form.getByLabel('Model family').selectOption('XGBoost');
  await form.getByLabel('Model size').fill('6 GB');
  await form.getByLabel('GPU', { exact: true }).selectOption('no');
  const candidate = section
    .getByRole('list', { name: 'Recommended instances' })
    .locator(':scope > li:not([aria-label="ml.t3.medium"])')
    .first();
  const wanted = (await candidate.getAttribute('aria-label'))!;
  await candidate.getByRole('button', { name: `Switch to ${wanted}` }).click();
  await page
    .locator('.jp-Dialog')
    .getByRole('button', { name: 'Save, stop and switch' })
    .click();

  // Studio shows the space stopped, on the new type for its next start; Run starts it.
  await studio.reload();
  await expect(mine.locator('.status')).toHaveText('Stopped', { timeout: 60_000 });
  await expect(mine.getByLabel(`Instance type of ${SPACE}`)).toHaveValue(wanted);
  await mine.getByRole('button', { name: 'Run' }).click();
  await expect(mine.locator('.status')).toHaveText('InService', { timeout: 90_000 });
  // It ran the new configuration (the same wheel, so the wheelhouse the space's HOME
  // cached is checked against the new manifest and kept), with its settings.
  await mine.getByRole('button', { name: 'Lifecycle log' }).click();
  await expect(log).toContainText(`wheelhouse ${uri}, budget`);
  await expect(log).toContainText(/"timeout_minutes":\s*90(\.0)?\b/);

  // Back in JupyterLab: the new type, the person's file and their own idle choice (which
  // wins over the new default).
  await openLab(page);
  const again = await openFeature(page, 'instances');
  await expect(again.getByLabel('Current instance')).toContainText(
    `Space ${SPACE} runs on ${wanted}`
  );
  await expect(
    (await openFileBrowser(page))
      .locator('.jp-DirListing-item')
      .filter({ hasText: 'mine.txt' })
  ).toBeVisible();
  const idleAgain = await openFeature(page, 'idle');
  await expect(idleAgain.getByLabel('Stop after idle (minutes)')).toHaveValue('75');
});

test('a broken lifecycle configuration fails the start in strict mode, not otherwise', async ({
  page
}) => {
  test.setTimeout(4 * 60_000);
  const studio = page;
  // Another person's space, so the first test's stays as it was left.
  const space = 'ronald-weasley-lab';
  const row = studio.locator(`tr[data-space="${space}"]`);
  for (const strict of [true, false]) {
    const uri = `s3://${BUCKET}/not-published-${strict ? 'strict' : 'lenient'}`;
    const out = `${BUILT}-${strict ? 'strict' : 'lenient'}`;
    buildLifecycle(uri, out, ...(strict ? ['--strict'] : []));
    // Never published: the script finds no wheelhouse in S3.
    attachBuiltIn(out);
    await openStudio(studio);
    if (strict) {
      await row.getByRole('button', { name: 'Run' }).click();
      await expect(row.locator('.status')).toHaveText('Failed', { timeout: 90_000 });
      await expect(row.locator('.reason')).toContainText(
        'Lifecycle Config execution failed'
      );
    } else {
      await row.getByRole('button', { name: 'Run' }).click();
      await expect(row.locator('.status')).toHaveText('InService', { timeout: 90_000 });
      await row.getByRole('button', { name: 'Lifecycle log' }).click();
      await expect(studio.locator('#log')).toContainText(
        'the space starts without jupyter_dsws'
      );
      await row.getByRole('button', { name: 'Stop' }).click();
      await expect(row.locator('.status')).toHaveText('Stopped', { timeout: 60_000 });
    }
  }
});

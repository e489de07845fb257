import { expect, Page, test } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

import { WORK } from '../servers';
import { listEntry, openFeature, openLab, problemsIn } from './helpers';

// The workspace `dsws demo` serves for each project (see playwright.config.ts): it outlives
// a run, so the clone this test makes is removed first.
const WORKSPACES: Record<string, string> = { newest: 'newest', 'studio-4.5': 'studio' };
const NOTEBOOKS = [
  'train_xgboost_sorting_hat.ipynb',
  'train_seq2seq_inquiry_summaries.ipynb',
  'forecast_arima_owls.ipynb',
  'train_cnn_restricted_section.ipynb'
];

function openRepositories(page: Page) {
  return openFeature(page, 'codecommit');
}

test.describe('Repositories', () => {
  // Playwright reads the fixtures a hook uses from its first argument's pattern: none here.
  // eslint-disable-next-line no-empty-pattern
  test.beforeEach(({}, testInfo) => {
    const root = path.join(WORK, WORKSPACES[testInfo.project.name]);
    fs.rmSync(path.join(root, 'sagemaker-repository'), { recursive: true, force: true });
  });

  test('clones the team repository in one click and opens it', async ({
    page
  }, testInfo) => {
    const root = path.join(WORK, WORKSPACES[testInfo.project.name]);
    const messages = await openLab(page);
    const section = await openRepositories(page);

    const row = listEntry(section, 'CodeCommit repositories', 'sagemaker-repository');
    await expect(row).toContainText("The team's notebooks");
    await expect(row).toContainText('main');

    // The folder and branch are one click away, the folder at the top of the workspace.
    await row
      .getByRole('button', { name: 'Clone options for sagemaker-repository' })
      .click();
    const form = row.getByRole('form', { name: 'Clone sagemaker-repository' });
    await expect(form.getByLabel('Folder')).toHaveValue('sagemaker-repository');
    await form.getByRole('button', { name: 'Close' }).click();
    await expect(form).toHaveCount(0);

    // One click clones.
    await row.getByRole('button', { name: 'Clone sagemaker-repository' }).click();

    // Done: a notification, and the file browser shows the new folder's notebooks.
    await expect(
      page.locator('.Toastify__toast', { hasText: 'Cloned sagemaker-repository' })
    ).toBeVisible();
    const listing = page.locator('#filebrowser .jp-DirListing-content');
    for (const notebook of NOTEBOOKS) {
      await expect(listing.getByText(notebook, { exact: true })).toBeVisible();
    }
    await expect(page.locator('#filebrowser .jp-BreadCrumbs')).toContainText(
      'sagemaker-repository'
    );

    // Back in the panel, the repository is now one to open, not to clone again.
    const again = await openRepositories(page);
    await expect(
      listEntry(again, 'CodeCommit repositories', 'sagemaker-repository').getByRole(
        'button',
        { name: 'Open sagemaker-repository' }
      )
    ).toBeVisible();

    // Typed by name or by URL (the file browser is inside the clone now), it opens too:
    // no second copy nested in the first.
    const typed = again.getByRole('form', { name: 'Clone by name or URL' });
    for (const source of [
      'sagemaker-repository',
      'https://git-codecommit.eu-central-1.amazonaws.com/v1/repos/sagemaker-repository.git'
    ]) {
      await typed.getByLabel('Repository name or URL').fill(source);
      await expect(
        typed.getByRole('button', { name: 'Open', exact: true })
      ).toBeVisible();
      await expect(
        again.getByRole('status').filter({ hasText: 'Cloned already' })
      ).toHaveText('Cloned already in sagemaker-repository.');
    }
    await typed.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(listing.getByText(NOTEBOOKS[0], { exact: true })).toBeVisible();
    expect(
      fs.existsSync(path.join(root, 'sagemaker-repository', 'sagemaker-repository'))
    ).toBe(false);
    expect(problemsIn(messages)).toEqual([]);
  });

  test('an existing folder is never overwritten: another name is offered', async ({
    page
  }, testInfo) => {
    const root = path.join(WORK, WORKSPACES[testInfo.project.name]);
    fs.mkdirSync(path.join(root, 'sagemaker-repository'), { recursive: true });
    fs.writeFileSync(path.join(root, 'sagemaker-repository', 'mine.txt'), 'keep me');

    await openLab(page);
    const section = await openRepositories(page);
    // The folder holds something else, not a clone: the panel offers to clone.
    const typed = section.getByRole('form', { name: 'Clone by name or URL' });
    await typed.getByLabel('Repository name or URL').fill('sagemaker-repository');
    await typed.getByRole('button', { name: 'Clone', exact: true }).click();

    const alert = section.getByRole('alert').filter({ hasText: 'already exists' });
    await expect(alert).toBeVisible();
    await expect(
      alert.getByRole('button', { name: /^Clone into sagemaker-repository-\d+$/ })
    ).toBeVisible();
    expect(
      fs.readFileSync(path.join(root, 'sagemaker-repository', 'mine.txt'), 'utf8')
    ).toBe('keep me');
  });
});

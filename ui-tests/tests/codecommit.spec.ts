import { expect, Page, test } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

import { WORK } from '../servers';
import { openFeature, openLab, problemsIn } from './helpers';

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
  test.beforeEach(({}, testInfo) => {
    const root = path.join(WORK, WORKSPACES[testInfo.project.name]);
    fs.rmSync(path.join(root, 'sagemaker-repository'), { recursive: true, force: true });
  });

  test('clones the team repository in one click and opens it', async ({ page }) => {
    const messages = await openLab(page);
    const section = await openRepositories(page);

    const row = section
      .getByRole('list', { name: 'CodeCommit repositories' })
      .getByRole('listitem', { name: 'sagemaker-repository', exact: true });
    await expect(row).toContainText("The team's notebooks");
    await expect(row).toContainText('main');
    await row.getByRole('button', { name: 'Clone' }).click();

    const form = section.getByRole('form', { name: 'Clone sagemaker-repository' });
    await expect(form.getByLabel('Folder')).toHaveValue('sagemaker-repository');
    await form.getByRole('button', { name: 'Start clone' }).click();

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
      again
        .getByRole('list', { name: 'CodeCommit repositories' })
        .getByRole('listitem', { name: 'sagemaker-repository', exact: true })
        .getByRole('button', { name: 'Open' })
    ).toBeVisible();
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
    await section.getByLabel('Repository name or URL').fill('sagemaker-repository');
    await section.getByRole('button', { name: 'Clone…' }).click();
    const form = section.getByRole('form', { name: 'Clone sagemaker-repository' });
    await form.getByRole('button', { name: 'Start clone' }).click();

    await expect(form.getByRole('alert')).toContainText('already exists');
    await expect(form.getByRole('button', { name: /^Use sagemaker-repository-\d+$/ })).toBeVisible();
    expect(fs.readFileSync(path.join(root, 'sagemaker-repository', 'mine.txt'), 'utf8')).toBe(
      'keep me'
    );
  });
});

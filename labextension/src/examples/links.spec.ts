import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { linkedPath } from '../guidepaths';
import { exampleOfLink } from './links';

describe("the getting-started guide's example notebooks", () => {
  it('are the links into the package notebooks folder, each one a copy button', () => {
    const guide = readFileSync('docs/getting-started.md', 'utf-8');
    const links = [...guide.matchAll(/\]\(([^)]+\.ipynb)\)/g)].map(m =>
      exampleOfLink(linkedPath('docs/getting-started.md', m[1]) ?? '')
    );
    expect(links).toEqual([
      'sorting_hat_xgboost.ipynb',
      'owls_arima.ipynb',
      'restricted_section_cnn.ipynb',
      'inquiry_summaries_seq2seq.ipynb'
    ]);
  });

  it('are only those: other links stay links', () => {
    expect(exampleOfLink('docs/registry.md')).toBeNull();
    expect(exampleOfLink('jupyter_dsws/examples/notebooks/../../app.py')).toBeNull();
    expect(exampleOfLink('jupyter_dsws/demo/data/repository/x.ipynb')).toBeNull();
  });
});

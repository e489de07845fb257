import { describe, expect, it } from 'vitest';

import { linkedPath } from '../guidepaths';
import { exampleOfLink } from './links';

describe("the getting-started guide's example notebooks", () => {
  it('are the links into the package notebooks folder, each one a copy button', () => {
    // As docs/getting-started.md writes them (tests/examples checks the guide's links).
    const href = '../jupyter_dsws/examples/notebooks/sorting_hat_xgboost.ipynb';
    expect(exampleOfLink(linkedPath('docs/getting-started.md', href) ?? '')).toBe(
      'sorting_hat_xgboost.ipynb'
    );
  });

  it('are only those: other links stay links', () => {
    expect(exampleOfLink('docs/registry.md')).toBeNull();
    expect(exampleOfLink('jupyter_dsws/examples/notebooks/../../app.py')).toBeNull();
    expect(exampleOfLink('jupyter_dsws/demo/data/repository/x.ipynb')).toBeNull();
  });
});

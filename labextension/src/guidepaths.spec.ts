import { describe, expect, it } from 'vitest';

import { guidesUrl, headingSlug, linkedPath } from './guidepaths';

describe('the guides shipped with the extension', () => {
  it('are served from the extension static folder', () => {
    expect(guidesUrl('/jupyterlab/default/lab/extensions')).toBe(
      '/jupyterlab/default/lab/extensions/jupyter_dsws/static/guides/'
    );
  });

  it('link to each other by relative paths, never outside their folder', () => {
    expect(linkedPath('docs/data-scientists.md', 'codecommit.md')).toBe(
      'docs/codecommit.md'
    );
    expect(linkedPath('docs/admin.md', '../infra/README.md')).toBe('infra/README.md');
    expect(linkedPath('lifecycle/README.md', '../docs/admin.md#installing')).toBe(
      'docs/admin.md'
    );
    expect(linkedPath('docs/admin.md', 'images/sidebar.png')).toBe(
      'docs/images/sidebar.png'
    );
    expect(linkedPath('docs/admin.md', '../../etc/passwd')).toBeNull();
    expect(linkedPath('docs/admin.md', 'https://aws.amazon.com/')).toBeNull();
    expect(linkedPath('docs/admin.md', '//example.org/x')).toBeNull();
  });

  it("find a heading by GitHub's anchor for it", () => {
    expect(headingSlug('Standing up the domain (infrastructure as code)')).toBe(
      'standing-up-the-domain-infrastructure-as-code'
    );
    expect(headingSlug('Installing through a lifecycle configuration')).toBe(
      'installing-through-a-lifecycle-configuration'
    );
    expect(headingSlug('Credentials: why our own helper')).toBe(
      'credentials-why-our-own-helper'
    );
  });
});

// @vitest-environment jsdom
import { Widget } from '@lumino/widgets';
import { createElement } from 'react';
import { describe, expect, it, vi } from 'vitest';

import { SidebarSection } from './section';

describe('SidebarSection', () => {
  it('reads again each time it is shown, and stops its model when it goes', async () => {
    let reads = 0;
    let disposed = false;
    const section = new SidebarSection({
      name: 'example',
      label: 'Example',
      render: () => createElement('p', null, `Read ${reads} times`),
      refresh: () => {
        reads++;
        section.update();
      },
      model: { dispose: () => (disposed = true) }
    });
    expect(section.title.label).toBe('Example');
    expect(section.hasClass('jp-dsws-example-section')).toBe(true);

    section.hide();
    Widget.attach(section, document.body);
    expect(reads).toBe(0); // attached hidden, as at page load: nothing is read
    section.show();
    await vi.waitFor(() => expect(reads).toBe(1));
    await vi.waitFor(() => expect(section.node.textContent).toBe('Read 1 times'));
    section.hide();
    section.show();
    await vi.waitFor(() => expect(reads).toBe(2));

    section.dispose();
    expect(disposed).toBe(true);
  });

  it('keeps a failed read to the model: showing never throws', async () => {
    const section = new SidebarSection({
      name: 'failing',
      label: 'Failing',
      render: () => createElement('p', null, 'Failing'),
      refresh: () => Promise.reject(new Error('AWS says no'))
    });
    section.hide();
    Widget.attach(section, document.body);
    expect(() => section.show()).not.toThrow();
    section.dispose();
  });
});

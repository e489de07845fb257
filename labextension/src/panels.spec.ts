import { describe, expect, it } from 'vitest';

import { enabledPanels } from './panels';

describe('enabledPanels', () => {
  it('reads the comma-separated list the server put in the page config', () => {
    expect(enabledPanels('registry, idle')).toEqual(['registry', 'idle']);
  });

  it('ignores empty entries', () => {
    expect(enabledPanels('idle,,instances')).toEqual(['idle', 'instances']);
    expect(enabledPanels('')).toEqual([]);
  });
});

import type { LabIcon } from '@jupyterlab/ui-components';
import { describe, expect, it } from 'vitest';

import { IFeature, sidebarEntries, WORKSPACE_RANK } from './features';

function feature(name: string): IFeature {
  return {
    name,
    icon: {} as LabIcon,
    activate: () => {
      throw new Error('not activated in this test');
    }
  };
}

const ALL = [
  feature('idle'),
  feature('registry'),
  feature('codecommit'),
  feature('instances')
];

describe('sidebarEntries', () => {
  it('gives each feature turned on its own panel id, below the workspace status', () => {
    const entries = sidebarEntries(ALL, ['idle', 'registry', 'codecommit', 'instances']);
    expect(entries.map(({ feature, id }) => [feature.name, id])).toEqual([
      ['idle', 'jp-dsws-idle'],
      ['registry', 'jp-dsws-registry'],
      ['codecommit', 'jp-dsws-codecommit'],
      ['instances', 'jp-dsws-instances']
    ]);
    const ranks = entries.map(entry => entry.rank);
    expect(ranks.every(rank => rank > WORKSPACE_RANK)).toBe(true);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(new Set(ranks).size).toBe(ranks.length);
  });

  it("leaves out the features turned off, in the list's order whatever the server's", () => {
    const entries = sidebarEntries(ALL, ['instances', 'idle']);
    expect(entries.map(entry => entry.id)).toEqual(['jp-dsws-idle', 'jp-dsws-instances']);
    expect(sidebarEntries(ALL, [])).toEqual([]);
  });

  it('has no entry for a panel the server knows and this frontend does not', () => {
    expect(sidebarEntries(ALL, ['notebooks', 'idle']).map(entry => entry.id)).toEqual([
      'jp-dsws-idle'
    ]);
  });

  it('keeps a feature in the same place whether the ones before it are on or not', () => {
    const alone = sidebarEntries(ALL, ['instances']);
    const withAll = sidebarEntries(ALL, ['idle', 'registry', 'codecommit', 'instances']);
    expect(alone[0].rank).toBe(withAll[3].rank);
  });
});

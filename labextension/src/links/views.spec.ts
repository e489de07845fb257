import { describe, expect, it } from 'vitest';

import { commandOf } from './views';

describe("a link's view opens through its panel's own command", () => {
  it('a comparison of versions: the Models tab command, with the versions', () => {
    expect(commandOf({ view: 'models-compare', arns: ['a', 'b'] })).toEqual({
      command: 'dsws:registry-open',
      args: { kind: 'compare', arns: ['a', 'b'] },
      panel: 'Models'
    });
  });

  it("a runs sheet: the Experiments tab command, with the sheet's filter and columns", () => {
    const runs = {
      filter: 'metrics.f1 > 0.8',
      sort: { key: 'metric:f1', descending: true },
      hidden: ['param:seed'],
      tags: [],
      differencesOnly: false
    };
    expect(commandOf({ view: 'runs', experiment: '7', name: 'owls', runs }).args).toEqual(
      { kind: 'runs', id: '7', name: 'owls', view: runs }
    );
  });

  it("a cluster's check: the EMR panel's command", () => {
    expect(commandOf({ view: 'emr-check', cluster: 'j-1' })).toEqual({
      command: 'dsws:emr-check',
      args: { cluster: 'j-1' },
      panel: 'EMR'
    });
  });
});

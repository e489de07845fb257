import { describe, expect, it } from 'vitest';

import { run } from '../testing';
import {
  bestRuns,
  differs,
  isShown,
  NO_CHOICE,
  nextRunSort,
  parseChoice,
  sortRuns,
  toggleColumn,
  visibleColumns
} from './sheet';
import { filterExamples, formatRunCount, orderByOf, snippet } from './syntax';

describe('sorting runs', () => {
  const runs = [
    run('a', { params: { depth: '8' }, metrics: { accuracy: 0.8 } }),
    run('b', { params: { depth: '10' }, metrics: { accuracy: 0.9 } }),
    run('c', { params: {}, metrics: {} }),
    run('d', { params: { depth: '2' }, metrics: { accuracy: 0.9 } })
  ];

  it('puts the best metric first, ties in arrival order, missing values last', () => {
    const sorted = sortRuns(runs, {
      key: { kind: 'metric', name: 'accuracy' },
      descending: true
    });
    expect(sorted.map(r => r.id)).toEqual(['b', 'd', 'a', 'c']);
    const up = sortRuns(runs, {
      key: { kind: 'metric', name: 'accuracy' },
      descending: false
    });
    expect(up.map(r => r.id)).toEqual(['a', 'b', 'd', 'c']);
  });

  it('sorts numeric params as numbers ("10" after "8")', () => {
    const sorted = sortRuns(runs, {
      key: { kind: 'param', name: 'depth' },
      descending: false
    });
    expect(sorted.map(r => r.id)).toEqual(['d', 'a', 'b', 'c']);
  });

  it('sorts by start time and leaves its input alone', () => {
    const timed = [
      run('old', { start: '2026-01-01T00:00:00Z' }),
      run('new', { start: '2026-06-01T00:00:00Z' })
    ];
    const sorted = sortRuns(timed, { key: { kind: 'start' }, descending: true });
    expect(sorted.map(r => r.id)).toEqual(['new', 'old']);
    expect(timed[0].id).toBe('old');
  });

  it('flips a clicked column and starts metrics high first, names A to Z', () => {
    const byName = nextRunSort(
      { key: { kind: 'start' }, descending: true },
      { kind: 'name' }
    );
    expect(byName.descending).toBe(false);
    const metric = nextRunSort(byName, { kind: 'metric', name: 'auc' });
    expect(metric.descending).toBe(true);
    expect(nextRunSort(metric, { kind: 'metric', name: 'auc' }).descending).toBe(false);
  });
});

describe('MLflow order_by', () => {
  it('names metrics, params and attributes as MLflow takes them', () => {
    expect(
      orderByOf({ key: { kind: 'metric', name: 'accuracy' }, descending: true })
    ).toBe('metrics.accuracy DESC');
    expect(
      orderByOf({ key: { kind: 'param', name: 'max_depth' }, descending: false })
    ).toBe('params.max_depth ASC');
    expect(orderByOf({ key: { kind: 'start' }, descending: true })).toBe(
      'attributes.start_time DESC'
    );
    expect(orderByOf({ key: { kind: 'user' }, descending: false })).toBe(
      'tags.`mlflow.user` ASC'
    );
  });

  it('backquotes a name that is not a plain word', () => {
    expect(
      orderByOf({ key: { kind: 'metric', name: 'val loss' }, descending: true })
    ).toBe('metrics.`val loss` DESC');
  });
});

describe('differences only', () => {
  const runs = [
    run('a', { params: { seed: '1', eta: '0.1' }, metrics: { acc: 0.9, n: 3 } }),
    run('b', { params: { seed: '1', eta: '0.2' }, metrics: { acc: 0.8, n: 3 } }),
    run('c', { params: { seed: '1' }, metrics: { acc: 0.9, n: 3 } })
  ];
  const names = { params: ['eta', 'seed'], metrics: ['acc', 'n'], tags: ['team'] };

  it('a missing value differs from a present one; one run has no differences', () => {
    expect(differs(runs, { kind: 'param', name: 'eta' })).toBe(true);
    expect(differs(runs, { kind: 'param', name: 'seed' })).toBe(false);
    expect(differs(runs.slice(0, 1), { kind: 'param', name: 'eta' })).toBe(false);
  });

  it('hides the params and metrics that are the same on every loaded run', () => {
    const all = visibleColumns(runs, names, NO_CHOICE, false).map(c => c.name);
    expect(all).toEqual(['acc', 'n', 'eta', 'seed']); // tags are hidden until chosen
    const diff = visibleColumns(runs, names, NO_CHOICE, true).map(c => c.name);
    expect(diff).toEqual(['acc', 'eta']);
  });
});

describe('column choice', () => {
  const names = { params: ['eta'], metrics: ['acc'], tags: ['team'] };

  it('hides a param, shows a tag, and survives a round trip through storage', () => {
    let choice = toggleColumn(NO_CHOICE, { kind: 'param', name: 'eta' }, false);
    choice = toggleColumn(choice, { kind: 'tag', name: 'team' }, true);
    expect(isShown(choice, { kind: 'param', name: 'eta' })).toBe(false);
    const columns = visibleColumns([run('a')], names, choice, false);
    expect(columns).toEqual([
      { kind: 'metric', name: 'acc' },
      { kind: 'tag', name: 'team' }
    ]);
    expect(parseChoice(JSON.stringify(choice))).toEqual(choice);
    const back = toggleColumn(choice, { kind: 'param', name: 'eta' }, true);
    expect(isShown(back, { kind: 'param', name: 'eta' })).toBe(true);
  });

  it('reads a missing or broken stored choice as no choice', () => {
    expect(parseChoice(null)).toEqual(NO_CHOICE);
    expect(parseChoice('{not json')).toEqual(NO_CHOICE);
    expect(parseChoice('{"hidden": [1, "metric:x"]}')).toEqual({
      hidden: ['metric:x'],
      tags: []
    });
  });
});

describe('best values', () => {
  it('marks the highest of an "up" metric and the lowest of a "down" one, ties shared', () => {
    const runs = [
      run('a', { metrics: { accuracy: 0.9, rmse: 3 } }),
      run('b', { metrics: { accuracy: 0.95, rmse: 2 } }),
      run('c', { metrics: { accuracy: 0.95, rmse: 4, other: 1 } })
    ];
    const best = bestRuns(runs, { accuracy: 'up', rmse: 'down' });
    expect([...best.accuracy]).toEqual(['b', 'c']);
    expect([...best.rmse]).toEqual(['b']);
    expect(best.other).toBeUndefined(); // no known direction: no mark
  });
});

describe('snippet and examples', () => {
  it('gives the two lines, and the tracking URI when the server names one', () => {
    expect(snippet('sorting-hat', null)).toBe(
      'import mlflow\nmlflow.set_experiment("sorting-hat")'
    );
    const arn = 'arn:aws:sagemaker:eu-central-1:1:mlflow-tracking-server/team';
    expect(snippet('a "quoted" name', arn)).toBe(
      `import mlflow\nmlflow.set_tracking_uri("${arn}")\n` +
        'mlflow.set_experiment("a \\"quoted\\" name")'
    );
  });

  it("makes filter examples from the experiment's own names", () => {
    const examples = filterExamples([
      run('a', {
        name: 'owls-01',
        user: 'hermione',
        params: { trend: "c'" },
        metrics: { mae: 2 }
      }),
      run('b', { params: { trend: 'n' }, metrics: { mae: 4 } })
    ]);
    expect(examples).toContain('metrics.mae > 4');
    expect(examples).toContain("params.trend = 'c\\''");
    expect(examples).toContain("attributes.run_name LIKE 'owls%'");
    expect(examples).toContain("tags.`mlflow.user` = 'hermione'");
  });

  it('says 100+ when the server did not count', () => {
    expect(formatRunCount(null)).toBe('100+ runs');
    expect(formatRunCount(1)).toBe('1 run');
  });
});

import { describe, expect, it } from 'vitest';

import type { RunComparison } from '../generated/api-types';
import { run } from '../testing';
import { alignHistories, compareRunRows, scatterOf, scatterParams } from './compare';

const comparison: RunComparison = {
  runs: [
    run('a', { params: { eta: '0.1', seed: '1' }, metrics: { acc: 0.9 } }),
    run('b', { params: { eta: '0.3', seed: '1' }, metrics: { acc: 0.8 } })
  ],
  params: ['eta', 'seed'],
  metrics: ['acc'],
  different: { params: ['eta'], metrics: ['acc'] },
  best: { acc: 'a' },
  directions: { acc: 'up' },
  fetched_at: null,
  notice: null
};

describe('compare table', () => {
  it('marks the best run and the rows that differ; differences only drops the rest', () => {
    const rows = compareRunRows(comparison, false);
    expect(rows.map(r => [r.name, r.differs])).toEqual([
      ['eta', true],
      ['seed', false],
      ['acc', true]
    ]);
    expect(rows[2].best).toBe('a');
    expect(compareRunRows(comparison, true).map(r => r.name)).toEqual(['eta', 'acc']);
  });

  it('offers the params that differ first for the scatter', () => {
    expect(
      scatterParams({ ...comparison, different: { params: ['seed'], metrics: [] } })
    ).toEqual(['seed', 'eta']);
  });
});

describe('history chart data', () => {
  it('aligns every run on the union of steps, null where a run has no point', () => {
    const data = alignHistories([
      {
        run_id: 'a',
        key: 'loss',
        downsampled: false,
        total: 2,
        points: [
          { step: 0, value: 1, time: null },
          { step: 2, value: 0.5, time: null }
        ]
      },
      {
        run_id: 'b',
        key: 'loss',
        downsampled: false,
        total: 2,
        points: [
          { step: 1, value: 0.9, time: null },
          { step: 2, value: null, time: null }
        ]
      }
    ]);
    expect(data).toEqual([
      [0, 1, 2],
      [1, null, 0.5],
      [null, 0.9, null]
    ]);
  });
});

describe('param against metric', () => {
  it('plots numeric params by value, ascending', () => {
    const s = scatterOf(comparison.runs, 'eta', 'acc');
    expect(s).toEqual({
      xs: [0.1, 0.3],
      ys: [0.9, 0.8],
      runs: ['run-a', 'run-b'],
      categories: null
    });
  });

  it('plots text params as categories and skips runs lacking either value', () => {
    const runs = [
      run('a', { params: { model: 'xgb' }, metrics: { acc: 0.9 } }),
      run('b', { params: { model: 'logreg' }, metrics: { acc: 0.7 } }),
      run('c', { params: {}, metrics: { acc: 0.5 } })
    ];
    const s = scatterOf(runs, 'model', 'acc');
    expect(s.categories).toEqual(['logreg', 'xgb']);
    expect(s.xs).toEqual([0, 1]);
    expect(s.runs).toEqual(['run-b', 'run-a']);
  });
});

import { describe, expect, it } from 'vitest';

import { DSWSApiError } from '../request';
import { answeringOnly, memoryChoices, run, runPage } from '../testing';
import { IExperimentsApi, SERVER_API } from './api';
import { RunsSheetModel } from './runs';

function api(over: Partial<IExperimentsApi>): IExperimentsApi {
  return answeringOnly(SERVER_API, over);
}

describe('the runs sheet model', () => {
  it("keeps the runs shown and says MLflow's words when a filter is refused", async () => {
    let refuse = false;
    const model = new RunsSheetModel(
      api({
        runs: async (_, filter) => {
          if (refuse) {
            throw new DSWSApiError(
              'bad_filter',
              `Invalid clause(s) in filter string: '${filter}'`,
              400
            );
          }
          return runPage([run('a'), run('b')]);
        }
      }),
      '1',
      'owls',
      memoryChoices()
    );
    await model.load();
    refuse = true;
    await model.setFilter('metrics.');
    expect(model.filterError).toContain("Invalid clause(s) in filter string: 'metrics.'");
    expect(model.error).toBeNull();
    expect(model.runs.map(r => r.id)).toEqual(['a', 'b']);
    refuse = false;
    await model.setFilter('metrics.acc > 0');
    expect(model.filterError).toBeNull();
  });

  it('sorts at once when every run is loaded, and on the server when there are more', async () => {
    const asked: (string | null)[] = [];
    let next: string | null = null;
    const model = new RunsSheetModel(
      api({
        runs: async (_, __, orderBy) => {
          asked.push(orderBy);
          return runPage(
            [run('a', { metrics: { acc: 0.5 } }), run('b', { metrics: { acc: 0.9 } })],
            next
          );
        }
      }),
      '1',
      'owls',
      memoryChoices()
    );
    await model.load();
    await model.setSort({ key: { kind: 'metric', name: 'acc' }, descending: true });
    expect(asked).toEqual([null]); // all loaded: no request
    expect(model.rows.map(r => r.id)).toEqual(['b', 'a']);
    expect([...model.best.acc]).toEqual(['b']);

    next = 'p2';
    await model.load();
    await model.setSort({ key: { kind: 'param', name: 'seed' }, descending: false });
    expect(asked.slice(-1)).toEqual(['params.seed ASC']);
  });

  it('adds the next page below without repeating a run', async () => {
    const model = new RunsSheetModel(
      api({
        runs: async (_, __, ___, cursor) =>
          cursor ? runPage([run('b'), run('c')]) : runPage([run('a'), run('b')], 'p2')
      }),
      '1',
      'owls',
      memoryChoices()
    );
    await model.load();
    expect(model.hasMore).toBe(true);
    await model.loadMore();
    expect(model.runs.map(r => r.id)).toEqual(['a', 'b', 'c']);
    expect(model.hasMore).toBe(false);
  });

  it("keeps each experiment's column choice", async () => {
    const store = memoryChoices();
    const answer = api({
      runs: async () =>
        runPage([run('a', { params: { seed: '1' }, metrics: { acc: 1 } })])
    });
    const first = new RunsSheetModel(answer, '1', 'owls', store);
    await first.load();
    first.setColumnShown({ kind: 'metric', name: 'acc' }, false);
    expect(first.columns.map(c => c.name)).toEqual(['seed']);
    const again = new RunsSheetModel(answer, '1', 'owls', store);
    await again.load();
    expect(again.columns.map(c => c.name)).toEqual(['seed']);
    const other = new RunsSheetModel(answer, '2', 'hat', store);
    await other.load();
    expect(other.columns.map(c => c.name)).toEqual(['acc', 'seed']);
  });

  it('selects runs for comparison and marks a registered one', async () => {
    const model = new RunsSheetModel(
      api({ runs: async () => runPage([run('a'), run('b')]) }),
      '1',
      'owls',
      memoryChoices()
    );
    await model.load();
    model.selection.toggle(model.runs[0]);
    model.selection.toggle(model.runs[1]);
    expect(model.selection.items.map(r => r.id)).toEqual(['a', 'b']);
    model.markRegistered('a', 'owls', 3);
    expect(model.runs[0].registered).toEqual([{ group: 'owls', version: 3, by: null }]);
  });
});

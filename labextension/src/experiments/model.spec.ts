import { describe, expect, it, vi } from 'vitest';

import { DSWSApiError } from '../request';
import { answeringOnly, refusing, run, UNSHARED } from '../testing';
import { IExperimentsApi, IRun, IRunPage, SERVER_API } from './api';
import { RunsCompareModel } from './comparing';
import { ExperimentsModel } from './model';
import { IChoiceStore, RunsSheetModel } from './runs';
import { IColumnChoice, NO_CHOICE } from './sheet';

const AGED = { fetched_at: '2026-11-25T17:00:00.000+00:00', notice: null };

function page(runs: IRun[], next: string | null = null): IRunPage {
  return {
    runs,
    params: ['seed'],
    metrics: ['acc'],
    directions: { acc: 'up' },
    next,
    ...UNSHARED
  };
}

function api(over: Partial<IExperimentsApi>): IExperimentsApi {
  return answeringOnly(SERVER_API, over);
}

function memoryStore(): IChoiceStore & { saved: Record<string, IColumnChoice> } {
  const saved: Record<string, IColumnChoice> = {};
  return { saved, load: id => saved[id] ?? NO_CHOICE, save: (id, c) => (saved[id] = c) };
}

describe('the sidebar model', () => {
  it('shows the experiments even when the servers cannot be read', async () => {
    const model = new ExperimentsModel({
      api: api({
        servers: refusing(
          'denied',
          'Not allowed: sagemaker:ListMlflowTrackingServers',
          403
        ),
        experiments: async () => ({
          experiments: [{ id: '1', name: 'owls', runs: null, last_run: null }],
          next: 'n2',
          ...UNSHARED
        })
      })
    });
    await model.refresh();
    expect(model.experiments.map(e => e.name)).toEqual(['owls']);
    expect(model.serversError).toContain('ListMlflowTrackingServers');
    expect(model.pager.hasNext).toBe(true);
  });

  it('knows a default server that is still starting', async () => {
    const model = new ExperimentsModel({
      api: api({
        servers: async () => ({
          servers: [
            {
              arn: 'a',
              name: 'team',
              kind: 'tracking_server',
              status: 'Creating',
              mlflow_version: null,
              default: true,
              url: null
            }
          ],
          tracking_uri: 'a',
          help: null,
          ...UNSHARED
        }),
        experiments: async () => ({ experiments: [], next: null, ...UNSHARED })
      })
    });
    await model.refresh();
    expect(model.defaultServer?.name).toBe('team');
    expect(model.starting).toBe(true);
  });

  it('searches the experiments by what was typed', async () => {
    const queries: string[] = [];
    const model = new ExperimentsModel({
      searchDelayMs: 0,
      api: api({
        experiments: async query => {
          queries.push(query);
          return { experiments: [], next: null, ...UNSHARED };
        }
      })
    });
    model.search('owls');
    await vi.waitFor(() => expect(queries).toEqual(['owls']));
    model.dispose();
  });
});

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
          return page([run('a'), run('b')]);
        }
      }),
      '1',
      'owls',
      memoryStore()
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
          return page(
            [run('a', { metrics: { acc: 0.5 } }), run('b', { metrics: { acc: 0.9 } })],
            next
          );
        }
      }),
      '1',
      'owls',
      memoryStore()
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
          cursor ? page([run('b'), run('c')]) : page([run('a'), run('b')], 'p2')
      }),
      '1',
      'owls',
      memoryStore()
    );
    await model.load();
    expect(model.hasMore).toBe(true);
    await model.loadMore();
    expect(model.runs.map(r => r.id)).toEqual(['a', 'b', 'c']);
    expect(model.hasMore).toBe(false);
  });

  it("keeps each experiment's column choice", async () => {
    const store = memoryStore();
    const answer = api({
      runs: async () => page([run('a', { params: { seed: '1' }, metrics: { acc: 1 } })])
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
      api({ runs: async () => page([run('a'), run('b')]) }),
      '1',
      'owls',
      memoryStore()
    );
    await model.load();
    model.toggleSelected(model.runs[0]);
    model.toggleSelected(model.runs[1]);
    expect(model.selection.map(r => r.id)).toEqual(['a', 'b']);
    model.markRegistered('a', 'owls', 3);
    expect(model.runs[0].registered).toEqual([{ group: 'owls', version: 3, by: null }]);
  });
});

describe("a person's Refresh", () => {
  it("asks past the server's shared answers; showing a panel does not", async () => {
    const asked: Record<string, (boolean | undefined)[]> = {
      servers: [],
      experiments: [],
      runs: [],
      compare: []
    };
    const order: string[] = [];
    const reads = api({
      servers: async refresh => {
        asked.servers.push(refresh);
        await new Promise(resolve => setTimeout(resolve, 0));
        order.push('servers answered');
        return { servers: [], tracking_uri: null, help: null, ...AGED };
      },
      experiments: async (_q, _n, refresh) => {
        asked.experiments.push(refresh);
        order.push('experiments asked');
        return { experiments: [], next: null, ...AGED };
      },
      runs: async (_e, _f, _o, _n, refresh) => {
        asked.runs.push(refresh);
        return { ...page([run('a')]), ...AGED };
      },
      compare: async (ids, refresh) => {
        asked.compare.push(refresh);
        return {
          runs: ids.map(id => run(id)),
          params: [],
          metrics: [],
          different: { params: [], metrics: [] },
          best: {},
          directions: {},
          ...AGED
        };
      }
    });
    const sidebar = new ExperimentsModel({ api: reads });
    const sheet = new RunsSheetModel(reads, '1', 'owls', memoryStore());
    const compared = new RunsCompareModel(reads, ['a', 'b']);
    await Promise.all([sidebar.refresh(), sheet.load(), compared.load()]);
    await Promise.all([sidebar.refresh(true), sheet.load(true), compared.load(true)]);
    expect(asked).toEqual({
      servers: [false, true],
      experiments: [false, true],
      runs: [false, true],
      compare: [false, true]
    });
    // Showing the panel asks both at once; a Refresh reads the page from the server the
    // fresh list names.
    expect(order).toEqual([
      'experiments asked',
      'servers answered',
      'servers answered',
      'experiments asked'
    ]);
    expect(sidebar.fetched?.fetched_at).toBe(AGED.fetched_at);
    expect(sheet.fetched?.fetched_at).toBe(AGED.fetched_at);
    expect(compared.comparison?.fetched_at).toBe(AGED.fetched_at);
  });
});

describe('the compare model', () => {
  it("overlays the first ranked metric's histories, and only the last one asked", async () => {
    const resolvers: Record<string, () => void> = {};
    const model = new RunsCompareModel(
      api({
        compare: async ids => ({
          runs: ids.map(id => run(id, { metrics: { acc: 1, loss: 2 } })),
          params: ['seed'],
          metrics: ['acc', 'loss'],
          different: { params: [], metrics: ['loss'] },
          best: { loss: 'a' },
          directions: { loss: 'down' },
          ...UNSHARED
        }),
        history: (key, ids) =>
          new Promise(resolve => {
            resolvers[key] = () =>
              resolve({
                key,
                series: ids.map(id => ({
                  run_id: id,
                  key,
                  points: [],
                  downsampled: false,
                  total: 0
                }))
              });
          })
      }),
      ['a', 'b']
    );
    const loading = model.load();
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(model.metric).toBe('loss'); // the one with a best mark
    const second = model.setMetric('acc');
    resolvers.acc();
    await second;
    resolvers.loss();
    await loading;
    expect(model.history?.key).toBe('acc');
    expect(model.scatterParam).toBe('seed');
  });
});

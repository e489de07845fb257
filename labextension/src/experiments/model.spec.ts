import { describe, expect, it, vi } from 'vitest';

import {
  answeringOnly,
  memoryChoices,
  refusing,
  run,
  runPage,
  UNSHARED
} from '../testing';
import { IExperimentsApi, SERVER_API } from './api';
import { RunsCompareModel } from './comparing';
import { ExperimentsModel } from './model';
import { RunsSheetModel } from './runs';

const AGED = { fetched_at: '2026-11-25T17:00:00.000+00:00', notice: null };

function api(over: Partial<IExperimentsApi>): IExperimentsApi {
  return answeringOnly(SERVER_API, over);
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
        return { ...runPage([run('a')]), ...AGED };
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
    const sheet = new RunsSheetModel(reads, '1', 'owls', memoryChoices());
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

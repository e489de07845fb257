import { describe, expect, it } from 'vitest';

import { answeringOnly, emrCluster, FakeNotebook, refusing, UNSHARED } from '../testing';
import { IEmrApi, SERVER_API } from './api';
import { canStart, EmrModel } from './model';

function api(over: Partial<IEmrApi>): IEmrApi {
  return answeringOnly(SERVER_API, over);
}

describe('the clusters list', () => {
  it('lists active clusters first, and all of them with the switch, from page one', async () => {
    const asked: [string, string | null][] = [];
    const model = new EmrModel({
      target: new FakeNotebook(),
      api: api({
        clusters: async (state, next) => {
          asked.push([state, next]);
          return { clusters: [emrCluster(state)], next: next ? null : 'p2', ...UNSHARED };
        },
        serverless: async () => ({ applications: [], ...UNSHARED })
      })
    });
    await model.refresh();
    await model.nextPage();
    expect(model.pager.pageNumber).toBe(2);
    await model.showAll(true);
    expect(asked).toEqual([
      ['active', null],
      ['active', 'p2'],
      ['all', null]
    ]);
    expect(model.clusters.map(c => c.id)).toEqual(['all']);
    expect(model.pager.pageNumber).toBe(1);
  });

  it("a person's Refresh asks past the shared lists; showing the panel does not", async () => {
    const asked: (string | boolean | undefined)[][] = [];
    const fetched = { fetched_at: '2026-12-06T01:00:00.000Z', notice: null };
    const model = new EmrModel({
      target: new FakeNotebook(),
      api: api({
        clusters: async (state, next, refresh) => {
          asked.push(['clusters', refresh]);
          return { clusters: [emrCluster('j-1')], next: null, ...fetched };
        },
        serverless: async refresh => {
          asked.push(['serverless', refresh]);
          return { applications: [], ...fetched, notice: 'AWS is throttling' };
        }
      })
    });
    await model.refresh();
    await model.refresh(true);
    expect(asked).toEqual([
      ['clusters', false],
      ['serverless', false],
      ['clusters', true],
      ['serverless', true]
    ]);
    expect(model.fetched?.fetched_at).toBe(fetched.fetched_at);
    expect(model.applicationsFetched?.notice).toBe('AWS is throttling');
  });

  it('shows the clusters even when the Serverless applications cannot be read', async () => {
    const model = new EmrModel({
      target: new FakeNotebook(),
      api: api({
        clusters: async () => ({
          clusters: [emrCluster('j-1')],
          next: null,
          ...UNSHARED
        }),
        serverless: refusing(
          'unreachable',
          'EMR Serverless cannot be reached: add the VPC endpoint com.amazonaws.us-east-1.emr-serverless.',
          503
        )
      })
    });
    await model.refresh();
    expect(model.clusters).toHaveLength(1);
    expect(model.error).toBeNull();
    expect(model.applicationsError).toContain('emr-serverless');
  });

  it('says what to fix when the clusters cannot be read', async () => {
    const model = new EmrModel({
      target: new FakeNotebook(),
      api: api({
        clusters: refusing('denied', 'Not allowed: elasticmapreduce:ListClusters', 403),
        serverless: async () => ({ applications: [], ...UNSHARED })
      })
    });
    await model.refresh();
    expect(model.error).toBe('Not allowed: elasticmapreduce:ListClusters');
  });
});

describe('EMR Serverless', () => {
  it('starts a stopped application once, and shows its new state', async () => {
    let starts = 0;
    const model = new EmrModel({
      target: new FakeNotebook(),
      api: api({
        serverless: async () => ({
          applications: [
            {
              id: 'a1',
              name: 'adhoc',
              state: 'STOPPED',
              release: null,
              type: 'Spark',
              created: null
            }
          ],
          ...UNSHARED
        }),
        startServerless: async id => {
          starts++;
          return {
            application: {
              id,
              name: 'adhoc',
              state: 'STARTING',
              release: null,
              type: 'Spark',
              created: null
            }
          };
        }
      })
    });
    await model.refreshApplications();
    expect(canStart(model.applications[0])).toBe(true);
    const first = model.start('a1');
    expect(model.isStarting('a1')).toBe(true);
    await Promise.all([first, model.start('a1')]);
    expect(starts).toBe(1);
    expect(model.applications[0].state).toBe('STARTING');
    expect(model.applicationsComingUp).toBe(true);
    expect(canStart(model.applications[0])).toBe(false);
  });
});

import { Signal } from '@lumino/signaling';
import { describe, expect, it } from 'vitest';

import { answeringOnly, refusing, UNSHARED } from '../testing';
import { ICheckResult, ICluster, IClusterDetail, IEmrApi, SERVER_API } from './api';
import { connectBlocked, ICellTarget, livyStarting } from './cluster';
import { canStart, EmrModel } from './model';

function api(over: Partial<IEmrApi>): IEmrApi {
  return answeringOnly(SERVER_API, over);
}

function cluster(id: string, over: Partial<ICluster> = {}): ICluster {
  return {
    id,
    name: `cluster-${id}`,
    state: 'WAITING',
    release: 'emr-7.5.0',
    applications: ['Spark', 'Livy'],
    auth: 'none',
    livy_port: 8998,
    created: '2026-12-06T01:00:00Z',
    primary_dns: 'ip-10-0-0-1.ec2.internal',
    ...over
  };
}

function detail(id: string, over: Partial<IClusterDetail> = {}): IClusterDetail {
  return {
    ...cluster(id),
    instance_groups: [],
    security_groups: [{ id: 'sg-1', role: 'primary' }],
    subnet: 'subnet-1',
    security_configuration: null,
    runtime_roles: [],
    livy_endpoint: null,
    ...over
  };
}

/** A notebook that records the cells it was given. */
class FakeNotebook implements ICellTarget {
  cells: string[] = [];
  current: string | null = 'spark.ipynb';
  changed = new Signal<this, void>(this);
  ranOk = true;

  async run(cell: string, started: (path: string) => void): Promise<boolean> {
    if (this.current === null) {
      this.current = 'Untitled.ipynb';
    }
    this.cells.push(cell);
    started(`work/${this.current}`);
    return this.ranOk;
  }
}

function check(name: ICheckResult['checks'][number]['name'], ok: boolean, detail = '') {
  return { name, ok, detail, fix: null, seconds: 0.01 };
}

describe('the clusters list', () => {
  it('lists active clusters first, and all of them with the switch, from page one', async () => {
    const asked: [string, string | null][] = [];
    const model = new EmrModel({
      target: new FakeNotebook(),
      api: api({
        clusters: async (state, next) => {
          asked.push([state, next]);
          return { clusters: [cluster(state)], next: next ? null : 'p2', ...UNSHARED };
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
          return { clusters: [cluster('j-1')], next: null, ...fetched };
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
        clusters: async () => ({ clusters: [cluster('j-1')], next: null, ...UNSHARED }),
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

describe('one cluster', () => {
  it('reads the detail when opened and picks the first runtime role', async () => {
    const model = new EmrModel({
      target: new FakeNotebook(),
      api: api({
        cluster: async id =>
          detail(id, {
            auth: 'runtime_role',
            runtime_roles: ['arn:aws:iam::1:role/analyst', 'arn:aws:iam::1:role/etl']
          })
      })
    });
    const opened = model.open(cluster('j-1', { auth: 'runtime_role' }));
    expect(opened.roles).toBeNull();
    expect(opened.blocked).toContain('Reading the runtime roles');
    await opened.load();
    expect(opened.role).toBe('arn:aws:iam::1:role/analyst');
    expect(opened.blocked).toBeNull();
    model.close();
    expect(model.opened).toBeNull();
    expect(opened.isDisposed).toBe(true);
  });

  it('connects with the chosen runtime role and runs the cell in the notebook', async () => {
    const sent: unknown[] = [];
    const notebook = new FakeNotebook();
    const model = new EmrModel({
      target: notebook,
      api: api({
        cluster: async id =>
          detail(id, {
            auth: 'runtime_role',
            runtime_roles: ['arn:aws:iam::1:role/analyst', 'arn:aws:iam::1:role/etl']
          }),
        connect: async (id, body) => {
          sent.push([id, body]);
          return { cell: '%sm_analytics emr connect --cluster-id j-1' };
        }
      })
    });
    const opened = model.open(cluster('j-1', { auth: 'runtime_role' }));
    await opened.load();
    opened.role = 'arn:aws:iam::1:role/etl';
    await opened.connect();
    expect(sent).toEqual([
      ['j-1', { auth: 'runtime_role', execution_role_arn: 'arn:aws:iam::1:role/etl' }]
    ]);
    expect(notebook.cells).toEqual(['%sm_analytics emr connect --cluster-id j-1']);
    expect(opened.connectedIn).toBe('work/spark.ipynb');
    expect(opened.connectRan).toBe(true);
    expect(opened.connectError).toBeNull();
  });

  it("sends no role for a cluster without runtime roles, and tells a failed cell's notebook", async () => {
    const sent: unknown[] = [];
    const notebook = new FakeNotebook();
    notebook.current = null;
    notebook.ranOk = false;
    const model = new EmrModel({
      target: notebook,
      api: api({
        cluster: async id => detail(id, { auth: 'ldap' }),
        connect: async (id, body) => {
          sent.push(body);
          return { cell: 'cell' };
        }
      })
    });
    const opened = model.open(cluster('j-2', { auth: 'ldap' }));
    await opened.load();
    await opened.connect();
    expect(sent).toEqual([{ auth: 'ldap', execution_role_arn: null }]);
    expect(opened.connectedIn).toBe('work/Untitled.ipynb');
    expect(opened.connectRan).toBe(false);
  });

  it("refuses Connect when no runtime role is set up, and shows the server's refusal", async () => {
    expect(connectBlocked('runtime_role', [], null)).toContain('EmrSettings');
    expect(connectBlocked('kerberos', null, null)).toBeNull();
    const notebook = new FakeNotebook();
    const model = new EmrModel({
      target: notebook,
      api: api({
        cluster: async id => detail(id),
        connect: refusing('bad_auth', 'Cluster j-3 uses kerberos auth, not none.', 400)
      })
    });
    const opened = model.open(cluster('j-3'));
    await opened.load();
    await opened.connect();
    expect(opened.connectError).toBe('Cluster j-3 uses kerberos auth, not none.');
    expect(notebook.cells).toEqual([]);
    expect(opened.connecting).toBe(false);
  });

  it('checks the path and knows when Livy is still starting', async () => {
    const answers: ICheckResult[] = [
      {
        ok: false,
        checks: [
          check('endpoint', true),
          check('dns', true),
          check('security_group', true),
          check('tcp', true),
          check('livy', false, 'Livy is starting: Spark comes up in the background.')
        ]
      },
      {
        ok: true,
        checks: [check('livy', true, 'Livy answered GET /sessions')]
      }
    ];
    const model = new EmrModel({
      target: new FakeNotebook(),
      api: api({
        cluster: async id => detail(id),
        check: async () => answers.shift()!
      })
    });
    const opened = model.open(cluster('j-4'));
    await opened.check();
    expect(opened.starting).toBe(true);
    await opened.check();
    expect(opened.starting).toBe(false);
    expect(opened.checkResult?.ok).toBe(true);
  });

  it('does not wait for Livy when an earlier step failed', () => {
    expect(
      livyStarting({
        ok: false,
        checks: [
          check('security_group', false, 'sg-1 does not admit TCP 8998 from sg-2'),
          check('livy', false, 'Not run: Livy cannot be asked while starting is blocked.')
        ]
      })
    ).toBe(false);
  });
});

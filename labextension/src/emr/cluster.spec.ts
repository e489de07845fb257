import { describe, expect, it } from 'vitest';

import type { EmrClusterDetail, EmrPathCheck } from '../generated/api-types';
import { answeringOnly, emrCluster, FakeNotebook, refusing } from '../testing';
import { IEmrApi, SERVER_API } from './api';
import { connectBlocked, livyStarting } from './cluster';
import { EmrModel } from './model';

function api(over: Partial<IEmrApi>): IEmrApi {
  return answeringOnly(SERVER_API, over);
}

function detail(id: string, over: Partial<EmrClusterDetail> = {}): EmrClusterDetail {
  return {
    ...emrCluster(id),
    instance_groups: [],
    security_groups: [{ id: 'sg-1', role: 'primary' }],
    subnet: 'subnet-1',
    security_configuration: null,
    runtime_roles: [],
    livy_endpoint: null,
    ...over
  };
}

function check(name: EmrPathCheck['checks'][number]['name'], ok: boolean, detail = '') {
  return { name, ok, detail, fix: null, seconds: 0.01 };
}

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
    const opened = model.open(emrCluster('j-1', { auth: 'runtime_role' }));
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
    const opened = model.open(emrCluster('j-1', { auth: 'runtime_role' }));
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
    const opened = model.open(emrCluster('j-2', { auth: 'ldap' }));
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
    const opened = model.open(emrCluster('j-3'));
    await opened.load();
    await opened.connect();
    expect(opened.connectError).toBe('Cluster j-3 uses kerberos auth, not none.');
    expect(notebook.cells).toEqual([]);
    expect(opened.connecting).toBe(false);
  });

  it('checks the path and knows when Livy is still starting', async () => {
    const answers: EmrPathCheck[] = [
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
    const opened = model.open(emrCluster('j-4'));
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

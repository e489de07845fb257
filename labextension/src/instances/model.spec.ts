import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type {
  CurrentInstance,
  InstanceCatalog,
  Recommendation,
  Recommendations,
  WorkloadRequest
} from '../generated/api-types';
import { DSWSApiError } from '../request';
import { refusing } from '../testing';
import {
  EMPTY_FORM,
  IInstancesApi,
  InstancesModel,
  refusalText,
  switchBlocked,
  workloadFrom
} from './model';

function recommendation(over: Partial<Recommendation> = {}): Recommendation {
  return {
    type: 'ml.g4dn.xlarge',
    family: 'g4dn',
    reasons: ['A CNN trains much faster on a GPU.'],
    monthly_cost: 537.57,
    monthly_cost_with_idle_shutdown: 145.8,
    price_per_hour: 0.7364,
    vcpu: 4,
    memory_gib: 16,
    gpus: 1,
    gpu_model: 'NVIDIA T4',
    gpu_memory_gib: 16,
    allowed: true,
    price_estimated: false,
    ...over
  };
}

function recommendations(types: string[] = ['ml.g4dn.xlarge']): Recommendations {
  return {
    region: 'eu-central-1',
    workload: {
      model: 'CNN',
      family: 'cnn',
      memory_gb: 0.05,
      data_gb: 0,
      gpu: 'yes',
      hours_per_day: 8,
      preference: 'balanced'
    },
    recommendations: types.map(type => recommendation({ type })),
    alternative: null
  };
}

const IN_STUDIO: CurrentInstance = {
  people: null,
  in_studio: true,
  instance_type: 'ml.t3.medium',
  space_name: 'hermione'
};

/** A server that records what it was asked and answers as told. */
function fakeServer(over: Partial<IInstancesApi> = {}) {
  const asked: WorkloadRequest[] = [];
  const switched: string[] = [];
  const api: IInstancesApi = {
    catalog: async () => ({ idle_timeout_minutes: 60 }) as InstanceCatalog,
    current: async () => IN_STUDIO,
    recommend: async workload => {
      asked.push(workload);
      return recommendations();
    },
    switch: async type => {
      switched.push(type);
      return {
        instance_type: type,
        space_name: 'hermione',
        message: `The space runs on ${type} from its next start.`,
        app_stopping: true
      };
    },
    ...over
  };
  return { api, asked, switched };
}

function makeModel(
  server = fakeServer(),
  options: Partial<InstancesModel.IOptions> = {}
) {
  const calls: string[] = [];
  const model = new InstancesModel({
    api: server.api,
    saveAll: async () => calls.push('save'),
    confirm: async type => {
      calls.push(`confirm ${type}`);
      return true;
    },
    debounceMs: 300,
    ...options
  });
  return { model, calls };
}

describe('the workload form', () => {
  it('becomes the request body, empty fields left to the server', () => {
    expect(workloadFrom({ ...EMPTY_FORM, model: 'CNN' })).toEqual({
      ok: true,
      workload: { model: 'CNN', gpu: 'auto', preference: 'balanced' }
    });
    expect(
      workloadFrom({
        model: ' CNN ',
        modelSize: '50 MB',
        dataSize: '2',
        gpu: 'yes',
        hoursPerDay: '6',
        preference: 'fastest',
        region: ''
      })
    ).toEqual({
      ok: true,
      workload: {
        model: 'CNN',
        memory_gb: 0.05,
        data_gb: 2,
        gpu: 'yes',
        hours_per_day: 6,
        preference: 'fastest'
      }
    });
    // Another region's prices, when one is picked; the server's own otherwise.
    expect(workloadFrom({ ...EMPTY_FORM, model: 'CNN', region: 'us-east-1' })).toEqual({
      ok: true,
      workload: { model: 'CNN', gpu: 'auto', preference: 'balanced', region: 'us-east-1' }
    });
  });

  it('names each field to fix', () => {
    const parsed = workloadFrom({
      ...EMPTY_FORM,
      model: 'CNN',
      modelSize: 'huge',
      hoursPerDay: '30'
    });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && Object.keys(parsed.errors).sort()).toEqual([
      'hoursPerDay',
      'modelSize'
    ]);
  });
});

describe('live recommendations', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ask once the form is still, with the last values only', async () => {
    const server = fakeServer();
    const { model } = makeModel(server);
    model.update({ model: 'CNN' });
    model.update({ modelSize: '5' });
    model.update({ modelSize: '50' });
    model.update({ modelSize: '50 MB' });
    model.update({ gpu: 'yes' });
    expect(model.recommending).toBe(true);
    await vi.advanceTimersByTimeAsync(299);
    expect(server.asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.asked).toEqual([
      { model: 'CNN', memory_gb: 0.05, gpu: 'yes', preference: 'balanced' }
    ]);
    expect(model.recommending).toBe(false);
    expect(model.result?.recommendations[0].type).toBe('ml.g4dn.xlarge');
  });

  it('ask again for each settled change', async () => {
    const server = fakeServer();
    const { model } = makeModel(server);
    model.update({ model: 'XGBoost' });
    await vi.advanceTimersByTimeAsync(300);
    model.update({ preference: 'cheapest' });
    await vi.advanceTimersByTimeAsync(300);
    expect(server.asked.map(w => w.preference)).toEqual(['balanced', 'cheapest']);
  });

  it('ask nothing without a model family or with a field to fix', async () => {
    const server = fakeServer();
    const { model } = makeModel(server);
    model.update({ modelSize: '50 MB' });
    model.update({ model: 'CNN', hoursPerDay: 'many' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.asked).toEqual([]);
    expect(model.formErrors.hoursPerDay).toContain('Hours per day');
    expect(model.recommending).toBe(false);
  });

  it('show an answer only for the form as it is now', async () => {
    const answers: ((r: Recommendations) => void)[] = [];
    const server = fakeServer({
      recommend: () => new Promise(resolve => answers.push(resolve))
    });
    const { model } = makeModel(server);
    model.update({ model: 'CNN' });
    await vi.advanceTimersByTimeAsync(300);
    model.update({ model: 'XGBoost' });
    await vi.advanceTimersByTimeAsync(300);
    answers[1](recommendations(['ml.t3.medium']));
    answers[0](recommendations(['ml.g4dn.xlarge']));
    await vi.advanceTimersByTimeAsync(0);
    expect(model.result?.recommendations.map(r => r.type)).toEqual(['ml.t3.medium']);
  });

  it("show the server's refusal, which names the field", async () => {
    const server = fakeServer({
      recommend: refusing('invalid_input', 'hours_per_day: must be at most 24.', 400)
    });
    const { model } = makeModel(server);
    model.update({ model: 'CNN' });
    await vi.advanceTimersByTimeAsync(300);
    expect(model.recommendError).toBe('hours_per_day: must be at most 24.');
    expect(model.result).toBeNull();
  });

  it('stop asking once disposed', async () => {
    const server = fakeServer();
    const { model } = makeModel(server);
    model.update({ model: 'CNN' });
    model.dispose();
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.asked).toEqual([]);
  });
});

describe('a switch', () => {
  it('is allowed only in Studio, to an allowed type other than the current one', () => {
    const g4dn = recommendation();
    expect(switchBlocked(g4dn, IN_STUDIO)).toBeNull();
    expect(switchBlocked({ ...g4dn, allowed: false }, IN_STUDIO)).toBe(
      'Your admin does not allow ml.g4dn.xlarge in this domain.'
    );
    expect(
      switchBlocked(g4dn, {
        in_studio: false,
        instance_type: null,
        space_name: null,
        people: null
      })
    ).toContain('only inside SageMaker Studio');
    expect(switchBlocked({ ...g4dn, type: 'ml.t3.medium' }, IN_STUDIO)).toBe(
      'This space already runs on ml.t3.medium.'
    );
    expect(switchBlocked(g4dn, null)).not.toBeNull();
  });

  it('asks first, saves every document, then asks the server', async () => {
    const server = fakeServer();
    const { model, calls } = makeModel(server, {
      saveAll: async () => {
        calls.push('save');
        expect(server.switched).toEqual([]); // saved before anything stops
      }
    });
    await model.refresh();
    const outcome = await model.switchTo('ml.g4dn.xlarge');
    expect(calls).toEqual(['confirm ml.g4dn.xlarge', 'save']);
    expect(server.switched).toEqual(['ml.g4dn.xlarge']);
    expect(outcome).toEqual({
      kind: 'started',
      message: 'The space runs on ml.g4dn.xlarge from its next start.'
    });
    expect(model.switchOutcome).toEqual(outcome);
    expect(model.switching).toBe(false);
  });

  it('asks who is connected now, so that the confirmation lists them', async () => {
    let people = [
      { name: 'harry', display_name: 'Harry', tabs: 1, collaborating: false, you: true }
    ];
    const server = fakeServer({ current: async () => ({ ...IN_STUDIO, people }) });
    const seen: unknown[] = [];
    const { model } = makeModel(server, {
      confirm: async (_type, current) => {
        seen.push(current.people?.map(p => p.display_name));
        return false;
      }
    });
    await model.refresh();
    people = [...people, { ...people[0], name: 'ron', display_name: 'Ron', you: false }];
    await model.switchTo('ml.g4dn.xlarge');
    expect(seen).toEqual([['Harry', 'Ron']]); // Ron came after the panel was shown
  });

  it('does nothing when the person says no', async () => {
    const server = fakeServer();
    const { model } = makeModel(server, { confirm: async () => false });
    await model.refresh();
    expect(await model.switchTo('ml.g4dn.xlarge')).toBeNull();
    expect(server.switched).toEqual([]);
  });

  it('stops nothing when a document cannot be saved', async () => {
    const server = fakeServer();
    const { model } = makeModel(server, {
      saveAll: async () => {
        throw new Error('disk full');
      }
    });
    await model.refresh();
    const outcome = await model.switchTo('ml.g4dn.xlarge');
    expect(outcome?.kind).toBe('refused');
    expect(outcome?.message).toContain('could not be saved');
    expect(server.switched).toEqual([]);
  });

  it('shows a quota refusal plainly, naming the quota to raise', async () => {
    const server = fakeServer({
      switch: refusing(
        'quota_exceeded',
        'No room for another ml.g4dn.xlarge JupyterLab app in this account.',
        422,
        {
          quota_name: 'Studio JupyterLab Apps running on ml.g4dn.xlarge instance',
          quota_code: 'L-12345678',
          limit: 0,
          in_use: 0
        }
      )
    });
    const { model } = makeModel(server);
    await model.refresh();
    const outcome = await model.switchTo('ml.g4dn.xlarge');
    expect(outcome).toEqual({
      kind: 'refused',
      message:
        'No room for another ml.g4dn.xlarge JupyterLab app in this account. Quota to raise ' +
        'in Service Quotas: "Studio JupyterLab Apps running on ml.g4dn.xlarge instance" ' +
        '(limit 0, in use 0).'
    });
  });
});

describe('a refusal in plain words', () => {
  it("keeps the server's message when it already names the quota, or is no quota", () => {
    const named = new DSWSApiError('quota_exceeded', 'Raise quota Q first.', 422, {
      quota_name: 'Q'
    });
    expect(refusalText(named, 'ml.g5.xlarge')).toBe('Raise quota Q first.');
    const forbidden = new DSWSApiError(
      'forbidden_instance_type',
      'Your admin allows only ml.t3.medium.',
      403
    );
    expect(refusalText(forbidden, 'ml.p3.2xlarge')).toBe(
      'Your admin allows only ml.t3.medium.'
    );
    expect(refusalText(new TypeError('x'), 'ml.g5.xlarge')).toBe(
      'The switch to ml.g5.xlarge could not be asked for.'
    );
  });
});

describe('the current instance', () => {
  it("shows the server's message when it cannot be read", async () => {
    const server = fakeServer({
      current: refusing('server_unreachable', 'The Jupyter server cannot be reached.', 0)
    });
    const { model } = makeModel(server);
    await model.refresh();
    expect(model.currentError).toBe('The Jupyter server cannot be reached.');
    expect(model.catalog?.idle_timeout_minutes).toBe(60);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Recommendations } from '../generated/api-types';
import { refusing } from '../testing';
import { EMPTY_FORM, workloadFrom } from './model';
import { fakeServer, makeModel, recommendations } from './testing';

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

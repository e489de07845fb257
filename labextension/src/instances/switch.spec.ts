import { describe, expect, it } from 'vitest';

import { DSWSApiError } from '../request';
import { refusing } from '../testing';
import { refusalText, switchBlocked } from './model';
import { fakeServer, IN_STUDIO, makeModel, recommendation } from './testing';

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

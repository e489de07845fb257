import { describe, expect, it } from 'vitest';

import { RequestingModel } from './requesting';

/** Answers each request when the test says so, in any order. */
class Probe extends RequestingModel {
  answers: string[] = [];
  failures: string[] = [];
  pending: { resolve: (v: string) => void; reject: (e: Error) => void }[] = [];

  forget(): void {
    this.drop();
  }

  ask(rethrow = false): Promise<void> {
    return this.request(
      () =>
        new Promise<string>((resolve, reject) => this.pending.push({ resolve, reject })),
      value => this.answers.push(value),
      error => {
        this.failures.push((error as Error).message);
        if (rethrow) {
          throw error;
        }
      }
    );
  }
}

describe('RequestingModel', () => {
  it('takes only the last request’s answer, and is loading until it arrives', async () => {
    const model = new Probe();
    const first = model.ask();
    const second = model.ask();
    expect(model.loading).toBe(true);
    model.pending[1].resolve('new');
    await second;
    expect(model.loading).toBe(false);
    model.pending[0].resolve('old');
    await first;
    expect(model.answers).toEqual(['new']);
    expect(model.loading).toBe(false);
  });

  it('ignores a failure of a request already replaced', async () => {
    const model = new Probe();
    const first = model.ask();
    const second = model.ask();
    model.pending[0].reject(new Error('late'));
    await first;
    expect(model.failures).toEqual([]);
    expect(model.loading).toBe(true);
    model.pending[1].reject(new Error('refused'));
    await second;
    expect(model.failures).toEqual(['refused']);
    expect(model.loading).toBe(false);
  });

  it('says nothing once disposed', async () => {
    const model = new Probe();
    let changes = 0;
    model.changed.connect(() => changes++);
    const asked = model.ask();
    expect(changes).toBe(1);
    model.dispose();
    model.pending[0].resolve('after');
    await asked;
    expect(model.isDisposed).toBe(true);
    expect(changes).toBe(1);
  });

  it('takes no answer to a request dropped, and is not loading any more', async () => {
    const model = new Probe();
    const asked = model.ask();
    model.forget();
    expect(model.loading).toBe(false);
    model.pending[0].resolve('for another form');
    await asked;
    expect(model.answers).toEqual([]);
    expect(model.loading).toBe(false);
  });

  it('rejects when the failure is passed on (a poll backs off), and is not loading', async () => {
    const model = new Probe();
    const asked = model.ask(true);
    model.pending[0].reject(new Error('unreachable'));
    await expect(asked).rejects.toThrow('unreachable');
    expect(model.failures).toEqual(['unreachable']);
    expect(model.loading).toBe(false);
  });
});

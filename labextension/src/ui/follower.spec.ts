import { Signal } from '@lumino/signaling';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { ModelFollower, TickWhile } from './follower';

/** A model that is starting or not, and says when that changes. */
class Starting {
  readonly changed = new Signal<this, void>(this);
  starting = false;

  set(starting: boolean): void {
    this.starting = starting;
    this.changed.emit();
  }
}

/** Counts the changes it follows, and whether it was stopped. */
class Counter extends ModelFollower<Starting> {
  seen = 0;
  stopped = 0;

  protected follow(): void {
    this.seen++;
  }

  protected stop(): void {
    this.stopped++;
  }
}

describe('ModelFollower', () => {
  it('follows each change until disposed, and stops once', () => {
    const model = new Starting();
    const counter = new Counter(model);
    model.set(true);
    model.set(false);
    expect(counter.seen).toBe(2);
    counter.dispose();
    counter.dispose();
    model.set(true);
    expect(counter.seen).toBe(2);
    expect(counter.stopped).toBe(1);
    expect(counter.isDisposed).toBe(true);
  });
});

describe('TickWhile', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ticks while the model is starting, and no more after, nor once disposed', async () => {
    vi.useFakeTimers();
    const model = new Starting();
    let ticks = 0;
    const poll = new TickWhile(model, {
      name: 'test-starting',
      ms: 1000,
      waiting: m => m.starting,
      tick: () => ticks++
    });
    await vi.advanceTimersByTimeAsync(5000);
    expect(ticks).toBe(0);

    model.set(true);
    await vi.advanceTimersByTimeAsync(3500);
    const whileStarting = ticks;
    expect(whileStarting).toBeGreaterThanOrEqual(3);

    model.set(false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(ticks).toBe(whileStarting);

    model.set(true);
    await vi.advanceTimersByTimeAsync(2500);
    expect(ticks).toBeGreaterThan(whileStarting);
    poll.dispose();
    const atDispose = ticks;
    await vi.advanceTimersByTimeAsync(5000);
    expect(ticks).toBe(atDispose);
  });
});

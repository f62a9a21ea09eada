/** The bounded queue alone: places, turns, refusals, FIFO waits for room, aborts. */
import { describe, expect, it } from 'vitest';
import { Admission } from '../../src/dispatch/admission.ts';
import type { Place } from '../../src/dispatch/admission.ts';

const settledState = async (promise: Promise<unknown>): Promise<'pending' | 'resolved' | 'rejected'> => {
  const marker = Symbol('pending');
  try {
    const value = await Promise.race([promise, new Promise((resolve) => setImmediate(resolve, marker))]);
    return value === marker ? 'pending' : 'resolved';
  } catch {
    return 'rejected';
  }
};

describe('Admission', () => {
  it('runs up to concurrency, queues up to maxQueue, and refuses the next at once', async () => {
    const admission = new Admission(1, 2);
    const first = admission.tryTake();
    const second = admission.tryTake();
    const third = admission.tryTake();
    expect(() => admission.tryTake()).toThrow(expect.objectContaining({ code: 'E_QUEUE_FULL' }) as Error);
    expect({ running: admission.active, queued: admission.queued }).toEqual({ running: 1, queued: 2 });
    expect(await settledState(first.turn)).toBe('resolved');
    expect(await settledState(second.turn)).toBe('pending');
    first.leave();
    expect(await settledState(second.turn)).toBe('resolved');
    expect(await settledState(third.turn)).toBe('pending');
    expect({ running: admission.active, queued: admission.queued }).toEqual({ running: 1, queued: 1 });
  });

  it('gives room to waiting callers one place each, in the order they asked', async () => {
    const admission = new Admission(1, 0);
    const holder = admission.tryTake();
    const order: string[] = [];
    const a = admission.take().then((p) => (order.push('a'), p));
    const b = admission.take().then((p) => (order.push('b'), p));
    expect(admission.waitingForRoom).toBe(2);
    // Someone waiting for room goes before a caller that would rather be refused.
    expect(() => admission.tryTake()).toThrow(expect.objectContaining({ code: 'E_QUEUE_FULL' }) as Error);
    holder.leave();
    const placeA = await a;
    expect(order).toEqual(['a']);
    expect(await settledState(b)).toBe('pending');
    placeA.leave();
    (await b).leave();
    expect(order).toEqual(['a', 'b']);
    expect({ running: admission.active, queued: admission.queued, waitingForRoom: admission.waitingForRoom }).toEqual({ running: 0, queued: 0, waitingForRoom: 0 });
  });

  it('stops waiting for room on abort, with the signal reason, and takes no place', async () => {
    const admission = new Admission(1, 0);
    const holder = admission.tryTake();
    const controller = new AbortController();
    const waiting = admission.take(undefined, controller.signal);
    controller.abort(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
    holder.leave();
    expect({ running: admission.active, waitingForRoom: admission.waitingForRoom }).toEqual({ running: 0, waitingForRoom: 0 });
  });

  it('drops a queued place on abort and frees its room', async () => {
    const admission = new Admission(1, 1);
    const holder = admission.tryTake();
    const controller = new AbortController();
    const queued = admission.tryTake(controller.signal);
    expect(admission.hasRoom()).toBe(false);
    controller.abort(new Error('cancelled'));
    await expect(queued.turn).rejects.toThrow('cancelled');
    expect({ queued: admission.queued, room: admission.hasRoom() }).toEqual({ queued: 0, room: true });
    queued.leave(); // idempotent after an abort
    holder.leave();
    expect(admission.active).toBe(0);
  });

  it('leave() before the turn gives the queued place back, and a second leave() changes nothing', () => {
    const admission = new Admission(1, 1);
    const holder: Place = admission.tryTake();
    const queued = admission.tryTake();
    queued.leave();
    queued.leave();
    expect({ running: admission.active, queued: admission.queued }).toEqual({ running: 1, queued: 0 });
    holder.leave();
    holder.leave();
    expect(admission.active).toBe(0);
  });

  it('refuses every caller still waiting when the engine closes', async () => {
    const admission = new Admission(1, 0);
    admission.tryTake();
    const waiting = [admission.take(), admission.take()];
    admission.refuseWaiters(new Error('closed'));
    for (const w of waiting) await expect(w).rejects.toThrow('closed');
    expect(admission.waitingForRoom).toBe(0);
  });

  it('runs smallPerPlace small jobs in one place, and in order: a whole job waits for room behind them', async () => {
    const small = { small: true };
    const admission = new Admission(1, 2, 4);
    const smalls = [0, 1, 2].map(() => admission.tryTake(undefined, small));
    const whole = admission.tryTake();
    const late = admission.tryTake(undefined, small); // behind the whole job, though it would fit
    expect({ running: admission.active, queued: admission.queued }).toEqual({ running: 3, queued: 2 });
    expect(() => admission.tryTake(undefined, small)).toThrow(expect.objectContaining({ code: 'E_QUEUE_FULL' }) as Error);
    smalls[0]!.leave();
    smalls[1]!.leave();
    expect(await settledState(whole.turn)).toBe('pending');
    smalls[2]!.leave();
    expect(await settledState(whole.turn)).toBe('resolved');
    expect(await settledState(late.turn)).toBe('pending');
    whole.leave();
    expect(await settledState(late.turn)).toBe('resolved');
    const more = [0, 1, 2].map(() => admission.tryTake(undefined, small));
    expect({ running: admission.active, queued: admission.queued }).toEqual({ running: 4, queued: 0 });
    for (const place of [late, ...more]) place.leave();
    expect(admission.active).toBe(0);
  });
});

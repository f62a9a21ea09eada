/** The MQTT in-flight window alone: places, waits for a free one, aborts. */
import { describe, expect, it } from 'vitest';
import { InFlightWindow } from '../../../src/input/mqtt/window.ts';

const state = async (promise: Promise<boolean>): Promise<boolean | 'pending'> => {
  const marker = Symbol('pending');
  const value = await Promise.race([promise, new Promise<typeof marker>((resolve) => setImmediate(resolve, marker))]);
  return value === marker ? 'pending' : (value as boolean);
};

describe('InFlightWindow', () => {
  it('gives out `size` places at once and makes the next caller wait for a release', async () => {
    const window = new InFlightWindow(2);
    const never = new AbortController().signal;
    expect(await window.acquire(never)).toBe(true);
    expect(await window.acquire(never)).toBe(true);
    expect(window.used).toBe(2);
    const third = window.acquire(never);
    expect(await state(third)).toBe('pending');
    window.release();
    expect(await state(third)).toBe(true);
    expect(window.used).toBe(2);
  });

  it('answers false when the signal aborts during the wait, and takes no place', async () => {
    const window = new InFlightWindow(1);
    const controller = new AbortController();
    await window.acquire(new AbortController().signal);
    const waiting = window.acquire(controller.signal);
    expect(await state(waiting)).toBe('pending');
    controller.abort();
    expect(await waiting).toBe(false);
    expect(window.used).toBe(1);
    // The aborted waiter is gone: a release frees the place for the next caller.
    window.release();
    expect(window.used).toBe(0);
    expect(await window.acquire(new AbortController().signal)).toBe(true);
  });

  it('answers false for an already aborted signal, even with places free', async () => {
    const window = new InFlightWindow(3);
    expect(await window.acquire(AbortSignal.abort())).toBe(false);
    expect(window.used).toBe(0);
  });

  it('wakes every waiter in turn, in the order they asked, one per release', async () => {
    // Two waiters happen when a reconnect delivers a message while one from the old connection still waits.
    const window = new InFlightWindow(1);
    const never = new AbortController().signal;
    await window.acquire(never);
    const order: string[] = [];
    const a = window.acquire(never).then((ok) => (order.push('a'), ok));
    const b = window.acquire(never).then((ok) => (order.push('b'), ok));
    window.release();
    expect(await state(a)).toBe(true);
    expect(await state(b)).toBe('pending');
    window.release();
    expect(await state(b)).toBe(true);
    expect(order).toEqual(['a', 'b']);
    expect(window.used).toBe(1);
  });

  it('an aborted waiter does not take the wake-up meant for another one', async () => {
    const window = new InFlightWindow(1);
    const never = new AbortController().signal;
    await window.acquire(never);
    const controller = new AbortController();
    const first = window.acquire(controller.signal);
    const second = window.acquire(never);
    controller.abort();
    expect(await first).toBe(false);
    window.release();
    expect(await state(second)).toBe(true);
  });

  it('a release with no place taken does not open an extra place', async () => {
    const window = new InFlightWindow(1);
    window.release();
    expect(window.used).toBe(0);
    const never = new AbortController().signal;
    expect(await window.acquire(never)).toBe(true);
    expect(await state(window.acquire(never))).toBe('pending');
  });
});

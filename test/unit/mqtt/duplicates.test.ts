/** The MQTT duplicate filter alone, on an injected clock: keys, the window, outcomes that forget. */
import { describe, expect, it } from 'vitest';
import { DuplicateFilter } from '../../../src/input/mqtt/duplicates.ts';
import type { Delivery } from '../../../src/input/mqtt/duplicates.ts';

interface Pending extends Delivery {
  settle(ack: boolean): void;
  fail(error: Error): void;
}

const delivery = (jobId: string): Pending => {
  let settle: (ack: boolean) => void = () => {};
  let fail: (error: Error) => void = () => {};
  const settled = new Promise<boolean>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  return { jobId, settled, settle, fail };
};

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('DuplicateFilter.keyOf', () => {
  it('keys by envelope id when there is one, else by topic and payload', () => {
    const payload = new TextEncoder().encode('hello');
    expect(DuplicateFilter.keyOf('job-1', 'a/b', payload)).toBe('id:job-1');
    expect(DuplicateFilter.keyOf('job-1', 'other', new Uint8Array())).toBe('id:job-1');
    const hashed = DuplicateFilter.keyOf(undefined, 'a/b', payload);
    expect(hashed).toMatch(/^hash:[A-Za-z0-9_-]{43}$/);
    expect(DuplicateFilter.keyOf(undefined, 'a/b', new TextEncoder().encode('hello'))).toBe(hashed);
    expect(DuplicateFilter.keyOf(undefined, 'a/c', payload)).not.toBe(hashed);
    expect(DuplicateFilter.keyOf(undefined, 'a/b', new TextEncoder().encode('hellO'))).not.toBe(hashed);
    // The separator keeps topic and payload apart: "a" + "bc" is not "ab" + "c".
    expect(DuplicateFilter.keyOf(undefined, 'a', new TextEncoder().encode('bc')))
      .not.toBe(DuplicateFilter.keyOf(undefined, 'ab', new TextEncoder().encode('c')));
  });
});

describe('DuplicateFilter', () => {
  it('finds a remembered delivery until the window has passed, then forgets it', () => {
    let now = 1_000;
    const filter = new DuplicateFilter(500, () => now);
    const first = delivery('j1');
    filter.remember('k', first);
    expect(filter.find('k')?.jobId).toBe('j1');
    expect(filter.find('k')?.settled).toBe(first.settled);
    now = 1_499;
    expect(filter.find('k')?.jobId).toBe('j1');
    now = 1_500;
    expect(filter.find('k')).toBeUndefined();
    expect(filter.size).toBe(0);
    expect(filter.find('never')).toBeUndefined();
  });

  it('keeps a delivery that settled with ack=true: a duplicate after it joins the same outcome', async () => {
    const filter = new DuplicateFilter(60_000, () => 0);
    const first = delivery('j1');
    filter.remember('k', first);
    first.settle(true);
    await tick();
    const duplicate = filter.find('k');
    expect(duplicate?.jobId).toBe('j1');
    expect(await duplicate!.settled).toBe(true);
  });

  it('forgets a delivery that settled with ack=false, so the redelivery runs again', async () => {
    const filter = new DuplicateFilter(60_000, () => 0);
    const first = delivery('j1');
    filter.remember('k', first);
    first.settle(false);
    await tick();
    expect(filter.find('k')).toBeUndefined();
    expect(filter.size).toBe(0);
  });

  it('forgets a delivery whose outcome rejected', async () => {
    const filter = new DuplicateFilter(60_000, () => 0);
    const first = delivery('j1');
    filter.remember('k', first);
    first.fail(new Error('handler crashed'));
    await tick();
    expect(filter.find('k')).toBeUndefined();
  });

  it("a late refusal of an old delivery does not forget the newer one under the same key", async () => {
    let now = 0;
    const filter = new DuplicateFilter(100, () => now);
    const old = delivery('j1');
    filter.remember('k', old);
    now = 200; // expired: the redelivery is a first delivery again
    expect(filter.find('k')).toBeUndefined();
    const fresh = delivery('j2');
    filter.remember('k', fresh);
    old.settle(false);
    await tick();
    expect(filter.find('k')?.jobId).toBe('j2');
  });

  it('a late failure of an old delivery does not forget the newer one under the same key', async () => {
    let now = 0;
    const filter = new DuplicateFilter(100, () => now);
    const old = delivery('j1');
    filter.remember('k', old);
    now = 200;
    expect(filter.find('k')).toBeUndefined();
    filter.remember('k', delivery('j2'));
    old.fail(new Error('late'));
    await tick();
    expect(filter.find('k')?.jobId).toBe('j2');
  });

  it('with a zero window remembers nothing', () => {
    const filter = new DuplicateFilter(0, () => 0);
    filter.remember('k', delivery('j1'));
    expect(filter.size).toBe(0);
    expect(filter.find('k')).toBeUndefined();
  });

  it('drops expired entries from the front as new ones arrive', () => {
    let now = 0;
    const filter = new DuplicateFilter(100, () => now);
    filter.remember('a', delivery('a'));
    now = 50;
    filter.remember('b', delivery('b'));
    now = 120; // a expired, b still live
    filter.remember('c', delivery('c'));
    expect(filter.size).toBe(2);
    expect(filter.find('b')?.jobId).toBe('b');
    expect(filter.find('c')?.jobId).toBe('c');
  });

  it('remembering a live key again moves it to the newest end, so expired ones behind it are still dropped', () => {
    let now = 0;
    const filter = new DuplicateFilter(100, () => now);
    filter.remember('a', delivery('a1'));
    now = 10;
    filter.remember('b', delivery('b'));
    now = 20;
    filter.remember('a', delivery('a2'));
    now = 115; // b expired (at 110), a2 lives until 120
    filter.remember('c', delivery('c'));
    expect(filter.size).toBe(2);
    expect(filter.find('a')?.jobId).toBe('a2');
  });

  it('holds at most 50,000 entries: past that the oldest goes first', () => {
    const filter = new DuplicateFilter(60_000, () => 0);
    const settled = new Promise<boolean>(() => {});
    for (let i = 0; i < 50_000; i++) filter.remember(`k${i}`, { jobId: `j${i}`, settled });
    expect(filter.size).toBe(50_000);
    filter.remember('newest', { jobId: 'newest', settled });
    expect(filter.size).toBe(50_000);
    expect(filter.find('k0')).toBeUndefined();
    expect(filter.find('k1')?.jobId).toBe('j1');
    expect(filter.find('newest')?.jobId).toBe('newest');
  });
});

/**
 * The job store fed by engine events (emitted here by hand, as the engine
 * does), on fake timers: records, retention by count and age, idempotency
 * keys, whenSettled, and the recent rate.
 */
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Job, JobResult } from '../../../src/dispatch/job.ts';
import { JobCancelledError, JobTimeoutError } from '../../../src/errors.ts';
import type { EngineEvents } from '../../../src/events.ts';
import { JobStore } from '../../../src/sinks/job-store.ts';
import type { JobStoreOptions } from '../../../src/sinks/job-store.ts';

const T0 = Date.parse('2030-01-02T03:04:05.000Z');

const job = (id: string): Job => ({
  id, task: 'wordcount', input: { text: id }, options: { top: 5, stopwords: 'none' } as Job['options'], source: 'http', name: 'http',
});

const resultOf = (j: Job, bytes: number): JobResult => ({
  id: j.id, task: 'wordcount', source: j.source, name: j.name, bytes, totalWords: 1, uniqueWords: 1, top: [],
  worker: 0, durationMs: 1, finishedAt: new Date().toISOString(), options: j.options, chunks: 1, invalidUtf8: false,
} as unknown as JobResult);

let events: EventEmitter<EngineEvents>;
let stores: JobStore[];

const open = (options: Partial<JobStoreOptions> = {}): JobStore => {
  const store = new JobStore({ maxRecords: 100, ttlMs: 60_000, ...options });
  store.attach(events);
  stores.push(store);
  return store;
};
const queue = (id: string): Job => {
  const j = job(id);
  events.emit('job:queued', j);
  return j;
};
const run = (id: string): void => void events.emit('job:started', job(id));
const done = (id: string, bytes = 10): void => void events.emit('job:done', job(id), resultOf(job(id), bytes));
const finished = (id: string, bytes = 10): void => {
  queue(id);
  run(id);
  done(id, bytes);
};

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  events = new EventEmitter<EngineEvents>();
  stores = [];
});
afterEach(() => {
  for (const store of stores) store.close();
  vi.useRealTimers();
});

describe('JobStore records', () => {
  it('follows a job through queued, running and done, with the times of each step', () => {
    const store = open();
    queue('a');
    expect(store.get('a')).toEqual({ id: 'a', status: 'queued', task: 'wordcount', source: 'http', createdAt: '2030-01-02T03:04:05.000Z' });
    vi.advanceTimersByTime(1000);
    run('a');
    expect(store.get('a')).toMatchObject({ status: 'running', startedAt: '2030-01-02T03:04:06.000Z' });
    vi.advanceTimersByTime(500);
    done('a', 42);
    const record = store.get('a');
    expect(record).toMatchObject({ status: 'done', finishedAt: '2030-01-02T03:04:06.500Z' });
    expect(record?.result?.bytes).toBe(42);
    expect(record?.error).toBeUndefined();
  });

  it('records a failure with its code and message, and a cancellation as cancelled', () => {
    const store = open();
    queue('slow');
    events.emit('job:failed', job('slow'), new JobTimeoutError(100));
    queue('gone');
    events.emit('job:failed', job('gone'), new JobCancelledError());
    expect(store.get('slow')).toMatchObject({ status: 'failed', error: { code: 'E_TIMEOUT', message: new JobTimeoutError(100).message } });
    expect(store.get('gone')).toMatchObject({ status: 'cancelled', error: { code: 'E_CANCELLED', message: 'the job was cancelled' } });
  });

  it('ignores events for jobs it never saw queued, and stops following after detach', () => {
    const store = new JobStore({ maxRecords: 10, ttlMs: 1000 });
    stores.push(store);
    const detach = store.attach(events);
    run('ghost');
    done('ghost');
    expect(store.get('ghost')).toBeUndefined();
    expect(store.size).toBe(0);
    queue('a');
    detach();
    done('a');
    queue('b');
    expect(store.get('a')?.status).toBe('queued');
    expect(store.get('b')).toBeUndefined();
    expect(events.listenerCount('job:done')).toBe(0);
  });

  it('lists newest first, filters by status, stops at the limit; a re-run id moves to the newest end', () => {
    const store = open();
    finished('a');
    queue('b');
    finished('c');
    queue('d');
    expect(store.list({ limit: 10 }).map((r) => r.id)).toEqual(['d', 'c', 'b', 'a']);
    expect(store.list({ limit: 2 }).map((r) => r.id)).toEqual(['d', 'c']);
    expect(store.list({ status: 'done', limit: 10 }).map((r) => r.id)).toEqual(['c', 'a']);
    expect(store.list({ status: 'queued', limit: 1 }).map((r) => r.id)).toEqual(['d']);
    expect(store.activeIds()).toEqual(['b', 'd']);
    queue('a');
    expect(store.list({ limit: 10 }).map((r) => r.id)).toEqual(['a', 'd', 'c', 'b']);
    expect(store.get('a')).toMatchObject({ status: 'queued' });
    expect(store.get('a')?.result).toBeUndefined();
    expect(store.activeIds()).toEqual(['b', 'd', 'a']);
  });

  it('add() records a job known to be queued (recovered from the journal)', () => {
    const store = open();
    store.add(job('recovered'));
    expect(store.get('recovered')?.status).toBe('queued');
    expect(store.activeIds()).toEqual(['recovered']);
  });
});

describe('JobStore retention', () => {
  it('past maxRecords evicts the oldest finished records first and never an active one', () => {
    const store = open({ maxRecords: 3 });
    for (const id of ['active-1', 'f1', 'f2', 'f3']) queue(id);
    for (const id of ['f1', 'f2', 'f3']) done(id);
    expect(store.size).toBe(4); // pruned when the next job is queued, not on finishing
    queue('active-2');
    expect(store.list({ limit: 10 }).map((r) => r.id)).toEqual(['active-2', 'f3', 'active-1']);
    expect(store.get('f1')).toBeUndefined();
    expect(store.get('f2')).toBeUndefined();
    // With only active jobs left to keep, the store holds more than maxRecords.
    queue('active-3');
    queue('active-4');
    expect(store.size).toBe(4);
    expect(store.activeIds()).toEqual(['active-1', 'active-2', 'active-3', 'active-4']);
  });

  it('forgets a finished record once it is older than ttlMs, on read', () => {
    const store = open({ ttlMs: 10_000 });
    finished('a');
    queue('active');
    vi.setSystemTime(T0 + 10_000);
    expect(store.get('a')?.status).toBe('done'); // exactly ttlMs old: kept
    vi.setSystemTime(T0 + 10_001);
    expect(store.get('a')).toBeUndefined();
    expect(store.get('active')?.status).toBe('queued'); // active jobs do not expire
  });

  it('sweeps expired records on a timer, without anyone reading them', () => {
    const store = open({ ttlMs: 5_000 });
    finished('a');
    vi.advanceTimersByTime(2_000);
    finished('b');
    // The sweep runs every min(ttl, 30 s) (at least 1 s): at 5 s nothing is old enough yet.
    vi.advanceTimersByTime(3_000);
    expect(store.size).toBe(2);
    vi.advanceTimersByTime(5_000); // at 10 s: a is 10 s old, b 8 s
    expect(store.size).toBe(0);
  });

  it('stops sweeping once closed', () => {
    const store = open({ ttlMs: 1_000 });
    finished('a');
    store.close();
    vi.advanceTimersByTime(10_000);
    expect(store.size).toBe(1);
  });

  it('list() drops expired records too', () => {
    const store = open({ ttlMs: 60_000 });
    finished('old');
    vi.setSystemTime(T0 + 30_000);
    finished('new');
    vi.setSystemTime(T0 + 61_000);
    expect(store.list({ limit: 10 }).map((r) => r.id)).toEqual(['new']);
    expect(store.size).toBe(1);
  });
});

describe('JobStore idempotency keys and fingerprints', () => {
  it('binds a key to a job id and fingerprint until released', () => {
    const store = open();
    expect(store.lookupKey('k')).toBeUndefined();
    store.bindKey('k', 'job-1', 'fp');
    expect(store.lookupKey('k')).toEqual({ id: 'job-1', fingerprint: 'fp' });
    store.releaseKey('k');
    expect(store.lookupKey('k')).toBeUndefined();
    store.releaseKey('k'); // twice: no harm
  });

  it('releases the key and fingerprint of a record when it is evicted', () => {
    const store = open({ ttlMs: 1_000 });
    store.bindKey('k', 'a', 'fp-a');
    store.bindFingerprint('a', 'fp-a');
    finished('a');
    expect(store.lookupKey('k')?.id).toBe('a');
    vi.setSystemTime(T0 + 1_001);
    expect(store.get('a')).toBeUndefined();
    expect(store.lookupKey('k')).toBeUndefined();
    expect(store.fingerprintOf('a')).toBeUndefined();
  });

  it('releaseFingerprint forgets only the fingerprint of a job that was not accepted', () => {
    const store = open();
    store.bindFingerprint('refused', 'fp-1');
    store.releaseFingerprint('refused');
    expect(store.fingerprintOf('refused')).toBeUndefined();
    store.bindFingerprint('accepted', 'fp-2');
    queue('accepted');
    store.releaseFingerprint('accepted');
    expect(store.fingerprintOf('accepted')).toBe('fp-2');
  });
});

describe('JobStore.whenSettled', () => {
  it('answers at once for a finished job and for an unknown one', async () => {
    const store = open();
    finished('a');
    expect((await store.whenSettled('a', 1000))?.status).toBe('done');
    expect(await store.whenSettled('nope', 1000)).toBeUndefined();
  });

  it('resolves every waiter with the finished record', async () => {
    const store = open();
    queue('a');
    const first = store.whenSettled('a', 10_000);
    const second = store.whenSettled('a', 10_000);
    run('a');
    done('a', 7);
    const [one, two] = await Promise.all([first, second]);
    expect(one?.status).toBe('done');
    expect(two).toBe(one);
    expect(one?.result?.bytes).toBe(7);
  });

  it('resolves undefined after the timeout while the job still runs', async () => {
    const store = open();
    queue('a');
    const waiting = store.whenSettled('a', 5_000);
    let value: unknown = 'pending';
    void waiting.then((v) => (value = v));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(value).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(value).toBeUndefined();
    // A later finish reaches no stale waiter.
    done('a');
    expect(store.get('a')?.status).toBe('done');
  });

  it('resolves undefined when the signal aborts', async () => {
    const store = open();
    queue('a');
    const controller = new AbortController();
    const waiting = store.whenSettled('a', 60_000, controller.signal);
    controller.abort();
    expect(await waiting).toBeUndefined();
  });

  it('resolves undefined at once for a signal that has already aborted', async () => {
    const store = open();
    queue('a');
    let value: unknown = 'pending';
    void store.whenSettled('a', 60_000, AbortSignal.abort()).then((v) => (value = v));
    await vi.advanceTimersByTimeAsync(0);
    expect(value).toBeUndefined();
  });
});

describe('JobStore.recentlyDone', () => {
  it('counts jobs done and their bytes over the last minute, evicted records included, failures not', () => {
    const store = open({ maxRecords: 1 });
    finished('a', 100);
    finished('b', 20);
    finished('c', 3);
    queue('x');
    events.emit('job:failed', job('x'), new JobCancelledError());
    expect(store.size).toBeLessThan(3);
    expect(store.recentlyDone()).toEqual({ jobs: 3, bytes: 123, windowMs: 60_000 });
    vi.setSystemTime(T0 + 60_000);
    expect(store.recentlyDone()).toEqual({ jobs: 0, bytes: 0, windowMs: 60_000 });
  });
});

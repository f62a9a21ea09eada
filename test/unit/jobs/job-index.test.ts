/**
 * The job index fed by engine events (emitted here by hand, as the engine
 * does), on fake timers: records, retention by count and age, eviction
 * listeners, and whenSettled.
 */
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Job } from '../../../src/dispatch/job.ts';
import { JobCancelledError, JobTimeoutError } from '../../../src/errors.ts';
import type { EngineEvents } from '../../../src/events.ts';
import { JobIndex } from '../../../src/jobs/job-index.ts';
import type { JobIndexOptions } from '../../../src/jobs/job-index.ts';
import { job, resultOf, T0 } from '../../helpers/engine-event-fixtures.ts';

let events: EventEmitter<EngineEvents>;
let indexes: JobIndex[];

const open = (options: Partial<JobIndexOptions> = {}): JobIndex => {
  const index = new JobIndex({ maxRecords: 100, ttlMs: 60_000, ...options });
  index.attach(events);
  indexes.push(index);
  return index;
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
  indexes = [];
});
afterEach(() => {
  for (const index of indexes) index.close();
  vi.useRealTimers();
});

describe('JobIndex records', () => {
  it('follows a job through queued, running and done, with the times of each step', () => {
    const index = open();
    queue('a');
    expect(index.get('a')).toEqual({ id: 'a', status: 'queued', task: 'wordcount', source: 'http', createdAt: '2030-01-02T03:04:05.000Z' });
    vi.advanceTimersByTime(1000);
    run('a');
    expect(index.get('a')).toMatchObject({ status: 'running', startedAt: '2030-01-02T03:04:06.000Z' });
    vi.advanceTimersByTime(500);
    done('a', 42);
    const record = index.get('a');
    expect(record).toMatchObject({ status: 'done', finishedAt: '2030-01-02T03:04:06.500Z' });
    expect(record?.result?.bytes).toBe(42);
    expect(record?.error).toBeUndefined();
  });

  it('records a failure with its code and message, and a cancellation as cancelled', () => {
    const index = open();
    queue('slow');
    events.emit('job:failed', job('slow'), new JobTimeoutError(100));
    queue('gone');
    events.emit('job:failed', job('gone'), new JobCancelledError());
    expect(index.get('slow')).toMatchObject({ status: 'failed', error: { code: 'E_TIMEOUT', message: new JobTimeoutError(100).message } });
    expect(index.get('gone')).toMatchObject({ status: 'cancelled', error: { code: 'E_CANCELLED', message: 'the job was cancelled' } });
  });

  it('ignores events for jobs it never saw queued, and stops following after detach', () => {
    const index = new JobIndex({ maxRecords: 10, ttlMs: 1000 });
    indexes.push(index);
    const detach = index.attach(events);
    run('ghost');
    done('ghost');
    expect(index.get('ghost')).toBeUndefined();
    expect(index.size).toBe(0);
    queue('a');
    detach();
    done('a');
    queue('b');
    expect(index.get('a')?.status).toBe('queued');
    expect(index.get('b')).toBeUndefined();
    expect(events.listenerCount('job:done')).toBe(0);
  });

  it('lists newest first, filters by status, stops at the limit; a re-run id moves to the newest end', () => {
    const index = open();
    finished('a');
    queue('b');
    finished('c');
    queue('d');
    expect(index.list({ limit: 10 }).map((r) => r.id)).toEqual(['d', 'c', 'b', 'a']);
    expect(index.list({ limit: 2 }).map((r) => r.id)).toEqual(['d', 'c']);
    expect(index.list({ status: 'done', limit: 10 }).map((r) => r.id)).toEqual(['c', 'a']);
    expect(index.list({ status: 'queued', limit: 1 }).map((r) => r.id)).toEqual(['d']);
    expect(index.activeIds()).toEqual(['b', 'd']);
    queue('a');
    expect(index.list({ limit: 10 }).map((r) => r.id)).toEqual(['a', 'd', 'c', 'b']);
    expect(index.get('a')).toMatchObject({ status: 'queued' });
    expect(index.get('a')?.result).toBeUndefined();
    expect(index.activeIds()).toEqual(['b', 'd', 'a']);
  });

  it('add() records a job known to be queued (recovered from the journal)', () => {
    const index = open();
    index.add(job('recovered'));
    expect(index.get('recovered')?.status).toBe('queued');
    expect(index.activeIds()).toEqual(['recovered']);
  });
});

describe('JobIndex retention', () => {
  it('past maxRecords evicts the oldest finished records first and never an active one', () => {
    const index = open({ maxRecords: 3 });
    for (const id of ['active-1', 'f1', 'f2', 'f3']) queue(id);
    for (const id of ['f1', 'f2', 'f3']) done(id);
    expect(index.size).toBe(4); // pruned when the next job is queued, not on finishing
    queue('active-2');
    expect(index.list({ limit: 10 }).map((r) => r.id)).toEqual(['active-2', 'f3', 'active-1']);
    expect(index.get('f1')).toBeUndefined();
    expect(index.get('f2')).toBeUndefined();
    // With only active jobs left to keep, the index holds more than maxRecords.
    queue('active-3');
    queue('active-4');
    expect(index.size).toBe(4);
    expect(index.activeIds()).toEqual(['active-1', 'active-2', 'active-3', 'active-4']);
  });

  it('forgets a finished record once it is older than ttlMs, on read', () => {
    const index = open({ ttlMs: 10_000 });
    finished('a');
    queue('active');
    vi.setSystemTime(T0 + 10_000);
    expect(index.get('a')?.status).toBe('done'); // exactly ttlMs old: kept
    vi.setSystemTime(T0 + 10_001);
    expect(index.get('a')).toBeUndefined();
    expect(index.get('active')?.status).toBe('queued'); // active jobs do not expire
  });

  it('sweeps expired records on a timer, without anyone reading them', () => {
    const index = open({ ttlMs: 5_000 });
    finished('a');
    vi.advanceTimersByTime(2_000);
    finished('b');
    // The sweep runs every min(ttl, 30 s) (at least 1 s): at 5 s nothing is old enough yet.
    vi.advanceTimersByTime(3_000);
    expect(index.size).toBe(2);
    vi.advanceTimersByTime(5_000); // at 10 s: a is 10 s old, b 8 s
    expect(index.size).toBe(0);
  });

  it('stops sweeping once closed', () => {
    const index = open({ ttlMs: 1_000 });
    finished('a');
    index.close();
    vi.advanceTimersByTime(10_000);
    expect(index.size).toBe(1);
  });

  it('list() drops expired records too', () => {
    const index = open({ ttlMs: 60_000 });
    finished('old');
    vi.setSystemTime(T0 + 30_000);
    finished('new');
    vi.setSystemTime(T0 + 61_000);
    expect(index.list({ limit: 10 }).map((r) => r.id)).toEqual(['new']);
    expect(index.size).toBe(1);
  });
});

describe('JobIndex eviction listeners', () => {
  it('onEvict hears every record that expires or is pushed out, never an active one; has() follows', () => {
    const index = open({ maxRecords: 2, ttlMs: 10_000 });
    const evicted: string[] = [];
    index.onEvict((id) => evicted.push(id));
    finished('old');
    queue('active');
    expect(index.has('old')).toBe(true);
    queue('newer'); // three records, two kept: the finished one goes
    expect(evicted).toEqual(['old']);
    expect(index.has('old')).toBe(false);
    finished('f');
    vi.setSystemTime(T0 + 10_001);
    expect(index.get('f')).toBeUndefined(); // expired on read
    expect(evicted).toEqual(['old', 'f']);
    expect(index.has('active')).toBe(true);
    expect(index.has('never')).toBe(false);
  });

  it('onEvict hears records the timer sweeps', () => {
    const index = open({ ttlMs: 1_000 });
    const evicted: string[] = [];
    index.onEvict((id) => evicted.push(id));
    finished('a');
    queue('active');
    vi.advanceTimersByTime(2_000);
    expect(evicted).toEqual(['a']);
    expect(index.has('a')).toBe(false);
  });
});

describe('JobIndex.whenSettled', () => {
  it('answers at once for a finished job and for an unknown one', async () => {
    const index = open();
    finished('a');
    expect((await index.whenSettled('a', 1000))?.status).toBe('done');
    expect(await index.whenSettled('nope', 1000)).toBeUndefined();
  });

  it('resolves every waiter with the finished record', async () => {
    const index = open();
    queue('a');
    const first = index.whenSettled('a', 10_000);
    const second = index.whenSettled('a', 10_000);
    run('a');
    done('a', 7);
    const [one, two] = await Promise.all([first, second]);
    expect(one?.status).toBe('done');
    expect(two).toBe(one);
    expect(one?.result?.bytes).toBe(7);
  });

  it('resolves undefined after the timeout while the job still runs', async () => {
    const index = open();
    queue('a');
    const waiting = index.whenSettled('a', 5_000);
    let value: unknown = 'pending';
    void waiting.then((v) => (value = v));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(value).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(value).toBeUndefined();
    // A later finish reaches no stale waiter.
    done('a');
    expect(index.get('a')?.status).toBe('done');
  });

  it('resolves undefined when the signal aborts', async () => {
    const index = open();
    queue('a');
    const controller = new AbortController();
    const waiting = index.whenSettled('a', 60_000, controller.signal);
    controller.abort();
    expect(await waiting).toBeUndefined();
  });

  it('resolves undefined at once for a signal that has already aborted', async () => {
    const index = open();
    queue('a');
    let value: unknown = 'pending';
    void index.whenSettled('a', 60_000, AbortSignal.abort()).then((v) => (value = v));
    await vi.advanceTimersByTimeAsync(0);
    expect(value).toBeUndefined();
  });
});

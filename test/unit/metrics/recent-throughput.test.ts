/**
 * The recent-throughput counter fed by engine events (emitted here by hand,
 * as the engine does), on fake timers, beside a job index that keeps only
 * one record: the count does not depend on the records kept.
 */
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JobCancelledError } from '../../../src/errors.ts';
import type { EngineEvents } from '../../../src/events.ts';
import { JobIndex } from '../../../src/jobs/job-index.ts';
import { RecentThroughput } from '../../../src/metrics/recent-throughput.ts';
import { job, resultOf, T0 } from '../../helpers/engine-event-fixtures.ts';

let events: EventEmitter<EngineEvents>;
let index: JobIndex;

const queue = (id: string): void => void events.emit('job:queued', job(id));
const finished = (id: string, bytes: number): void => {
  queue(id);
  events.emit('job:started', job(id));
  events.emit('job:done', job(id), resultOf(job(id), bytes));
};

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  events = new EventEmitter<EngineEvents>();
  index = new JobIndex({ maxRecords: 1, ttlMs: 60_000 });
  index.attach(events);
});
afterEach(() => {
  index.close();
  vi.useRealTimers();
});

describe('RecentThroughput', () => {
  it('counts jobs done and their bytes over the last minute, evicted records included, failures not', () => {
    const throughput = new RecentThroughput();
    throughput.attach(events);
    finished('a', 100);
    finished('b', 20);
    finished('c', 3);
    queue('x');
    events.emit('job:failed', job('x'), new JobCancelledError());
    expect(index.size).toBeLessThan(3);
    expect(throughput.recentlyDone()).toEqual({ jobs: 3, bytes: 123, windowMs: 60_000 });
    vi.setSystemTime(T0 + 60_000);
    expect(throughput.recentlyDone()).toEqual({ jobs: 0, bytes: 0, windowMs: 60_000 });
  });

  it('stops counting after detach', () => {
    const throughput = new RecentThroughput();
    const detach = throughput.attach(events);
    finished('a', 5);
    detach();
    finished('b', 7);
    expect(throughput.recentlyDone()).toEqual({ jobs: 1, bytes: 5, windowMs: 60_000 });
    expect(events.listenerCount('job:done')).toBe(1); // the index's only
  });
});

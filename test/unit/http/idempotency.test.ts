/**
 * The idempotency table over a job index fed by engine events (emitted here
 * by hand, as the engine does), on fake timers: keys and fingerprints bound
 * and released, and gone with their job's record.
 */
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineEvents } from '../../../src/events.ts';
import { IdempotencyTable } from '../../../src/input/http/idempotency.ts';
import { JobIndex } from '../../../src/jobs/job-index.ts';
import type { JobIndexOptions } from '../../../src/jobs/job-index.ts';
import { job, resultOf, T0 } from '../../helpers/engine-event-fixtures.ts';

let events: EventEmitter<EngineEvents>;
let indexes: JobIndex[];

/** A table over a fresh index, wired as the service wires them. */
const open = (options: Partial<JobIndexOptions> = {}): { index: JobIndex; table: IdempotencyTable } => {
  const index = new JobIndex({ maxRecords: 100, ttlMs: 60_000, ...options });
  index.attach(events);
  indexes.push(index);
  return { index, table: new IdempotencyTable(index) };
};
const queue = (id: string): void => void events.emit('job:queued', job(id));
const finished = (id: string): void => {
  queue(id);
  events.emit('job:started', job(id));
  events.emit('job:done', job(id), resultOf(job(id)));
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

describe('IdempotencyTable keys and fingerprints', () => {
  it('binds a key to a job id and fingerprint until released', () => {
    const { table } = open();
    expect(table.lookupKey('k')).toBeUndefined();
    table.bindKey('k', 'job-1', 'fp');
    expect(table.lookupKey('k')).toEqual({ id: 'job-1', fingerprint: 'fp' });
    table.releaseKey('k');
    expect(table.lookupKey('k')).toBeUndefined();
    table.releaseKey('k'); // twice: no harm
  });

  it('releases the key and fingerprint of a record when it expires', () => {
    const { index, table } = open({ ttlMs: 1_000 });
    table.bindKey('k', 'a', 'fp-a');
    table.bindFingerprint('a', 'fp-a');
    finished('a');
    expect(table.lookupKey('k')?.id).toBe('a');
    vi.setSystemTime(T0 + 1_001);
    expect(index.get('a')).toBeUndefined();
    expect(table.lookupKey('k')).toBeUndefined();
    expect(table.fingerprintOf('a')).toBeUndefined();
  });

  it('releases the key and fingerprint of a record pushed out past maxRecords, and keeps those of the records kept', () => {
    const { index, table } = open({ maxRecords: 1 });
    table.bindKey('k-a', 'a', 'fp-a');
    table.bindFingerprint('a', 'fp-a');
    finished('a');
    table.bindKey('k-b', 'b', 'fp-b');
    table.bindFingerprint('b', 'fp-b');
    queue('b');
    expect(index.has('a')).toBe(false);
    expect(table.lookupKey('k-a')).toBeUndefined();
    expect(table.fingerprintOf('a')).toBeUndefined();
    expect(table.lookupKey('k-b')).toEqual({ id: 'b', fingerprint: 'fp-b' });
    expect(table.fingerprintOf('b')).toBe('fp-b');
  });

  it('releaseFingerprint forgets only the fingerprint of a job that was not accepted', () => {
    const { table } = open();
    table.bindFingerprint('refused', 'fp-1');
    table.releaseFingerprint('refused');
    expect(table.fingerprintOf('refused')).toBeUndefined();
    table.bindFingerprint('accepted', 'fp-2');
    queue('accepted');
    table.releaseFingerprint('accepted');
    expect(table.fingerprintOf('accepted')).toBe('fp-2');
  });
});

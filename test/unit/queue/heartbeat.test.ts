/**
 * How often a busy worker beats when jobs end: at once when its last active
 * job ends, else at most once per JOB_BEAT_GAP_MS and never two in flight.
 * A fake client records each beat's `active` field and answers when told.
 */
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { Heartbeat, JOB_BEAT_GAP_MS } from '../../../src/queue/heartbeat.ts';
import type { WorkerInfo } from '../../../src/queue/heartbeat.ts';

/** A client whose transactions stay pending until `answer()`; `beats` holds the `active` each carried. */
function fakeClient(): { client: Redis; beats: string[]; answer: () => Promise<void> } {
  const beats: string[] = [];
  const pending: Array<() => void> = [];
  const chain = {
    hset: (_key: string, ...fields: string[]) => {
      beats.push(fields[fields.indexOf('active') + 1]!);
      return chain;
    },
    pexpire: () => chain,
    zadd: () => chain,
    zrem: () => chain,
    del: () => chain,
    exec: () => new Promise<void>((resolve) => pending.push(resolve)),
  };
  const answer = async (): Promise<void> => {
    for (const resolve of pending.splice(0)) resolve();
    // Let the heartbeat's own continuations run.
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { client: { multi: () => chain } as unknown as Redis, beats, answer };
}

let active = 0;
const info = (): WorkerInfo => ({
  id: 'host:1', host: 'host', pid: 1, threads: 1, concurrency: 4, out: '/out',
  active, done: 0, failed: 0, startedAt: '', lastSeen: '',
});

beforeEach(() => {
  vi.useFakeTimers();
  active = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

it('beats for jobs that end while others run at most once per gap, and at once when the last one ends', async () => {
  const { client, beats, answer } = fakeClient();
  const heartbeat = new Heartbeat(client, 'bull:q:wordmill:worker:', info, 600_000);

  active = 3;
  heartbeat.jobEnded(active); // no beat yet: sent now
  expect(beats).toEqual(['3']);
  await answer();

  active = 2;
  heartbeat.jobEnded(active); // within the gap: waits for it
  active = 1;
  heartbeat.jobEnded(active);
  expect(beats).toEqual(['3']);
  vi.advanceTimersByTime(JOB_BEAT_GAP_MS);
  expect(beats).toEqual(['3', '1']); // one beat for both, with the count at the time it went out

  active = 0;
  heartbeat.jobEnded(active); // the last job: now, although the previous beat has not been answered
  expect(beats).toEqual(['3', '1', '0']);
  await answer();
  vi.advanceTimersByTime(10 * JOB_BEAT_GAP_MS);
  expect(beats).toEqual(['3', '1', '0']);
});

it('a job that ends while a beat is in flight is beaten after it, once the gap allows', async () => {
  const { client, beats, answer } = fakeClient();
  const heartbeat = new Heartbeat(client, 'bull:q:wordmill:worker:', info, 600_000);

  active = 2;
  heartbeat.jobEnded(active);
  vi.advanceTimersByTime(JOB_BEAT_GAP_MS * 2); // the round trip is slow: no second beat meanwhile
  active = 1;
  heartbeat.jobEnded(active);
  expect(beats).toEqual(['2']);
  await answer(); // the gap has passed: the beat that was due goes now
  expect(beats).toEqual(['2', '1']);
  await answer();
  vi.advanceTimersByTime(10 * JOB_BEAT_GAP_MS);
  expect(beats).toEqual(['2', '1']);
});

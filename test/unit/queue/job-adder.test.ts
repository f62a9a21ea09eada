/**
 * JobAdder against the real Redis: the jobs of one turn go out in one
 * addBulk, each still its own BullMQ job with its own options; a group that
 * fails is added job by job, so only the bad job's caller sees the error.
 */
import { Job, Queue } from 'bullmq';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { JobAdder } from '../../../src/queue/job-adder.ts';
import { REDIS_URL, describeWithRedis } from '../../helpers/redis-available.ts';
import { removeQueue, uniqueQueueName } from '../../helpers/redis-queue.ts';

describeWithRedis('JobAdder', () => {
  let name: string;
  let queue: Queue;
  let adder: JobAdder;

  beforeEach(() => {
    name = uniqueQueueName('adder');
    queue = new Queue(name, { connection: { url: REDIS_URL, maxRetriesPerRequest: null } });
    adder = new JobAdder(queue);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await queue.close();
    await removeQueue(name);
  });

  const stored = async (id: string) => {
    const job = await Job.fromId(queue, id);
    return job === undefined ? undefined : { name: job.name, data: job.data as unknown, attempts: job.opts.attempts, priority: job.opts.priority ?? 0 };
  };

  it('adds the jobs of one turn with one addBulk, each under its own id with its own options', async () => {
    const bulk = vi.spyOn(queue, 'addBulk');
    const single = vi.spyOn(queue, 'add');
    await Promise.all([
      adder.add('wordcount', { n: 1 }, { jobId: 'a-1', attempts: 2 }),
      adder.add('ngrams', { n: 2 }, { jobId: 'a-2', attempts: 3, priority: 7 }),
      adder.add('stats', { n: 3 }, { jobId: 'a-3', attempts: 4 }),
    ]);
    expect(bulk).toHaveBeenCalledTimes(1);
    expect(bulk.mock.calls[0]![0].map((j) => j.opts?.jobId)).toEqual(['a-1', 'a-2', 'a-3']);
    expect(single).not.toHaveBeenCalled();
    expect(await stored('a-1')).toEqual({ name: 'wordcount', data: { n: 1 }, attempts: 2, priority: 0 });
    expect(await stored('a-2')).toEqual({ name: 'ngrams', data: { n: 2 }, attempts: 3, priority: 7 });
    expect(await stored('a-3')).toEqual({ name: 'stats', data: { n: 3 }, attempts: 4, priority: 0 });
    expect(await queue.getJobCounts('waiting', 'prioritized')).toEqual({ waiting: 2, prioritized: 1 });
  });

  it('adds a job alone in its turn with add, and the next turn makes a group of its own', async () => {
    const bulk = vi.spyOn(queue, 'addBulk');
    const single = vi.spyOn(queue, 'add');
    await adder.add('wordcount', { n: 1 }, { jobId: 'b-1' });
    expect(single).toHaveBeenCalledTimes(1);
    expect(bulk).not.toHaveBeenCalled();
    await Promise.all([adder.add('wordcount', { n: 2 }, { jobId: 'b-2' }), adder.add('wordcount', { n: 3 }, { jobId: 'b-3' })]);
    expect(bulk).toHaveBeenCalledTimes(1);
    expect(bulk.mock.calls[0]![0].map((j) => j.opts?.jobId)).toEqual(['b-2', 'b-3']);
    expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 3 });
  });

  it('a group that fails is added job by job: only the bad job is refused', async () => {
    const bulk = vi.spyOn(queue, 'addBulk');
    const outcomes = await Promise.allSettled([
      adder.add('wordcount', { n: 1 }, { jobId: 'c-1', attempts: 1 }),
      // BullMQ refuses this priority before anything is sent, which fails the whole addBulk.
      adder.add('wordcount', { n: 2 }, { jobId: 'c-2', priority: 3_000_000 }),
      adder.add('wordcount', { n: 3 }, { jobId: 'c-3', attempts: 1 }),
    ]);
    expect(bulk).toHaveBeenCalledTimes(1);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(((outcomes[1] as PromiseRejectedResult).reason as Error).message).toBe('Priority should be between 0 and 2097151');
    expect(await stored('c-1')).toEqual({ name: 'wordcount', data: { n: 1 }, attempts: 1, priority: 0 });
    expect(await stored('c-2')).toBeUndefined();
    expect(await stored('c-3')).toEqual({ name: 'wordcount', data: { n: 3 }, attempts: 1, priority: 0 });
  });

  it('an id Redis already holds is not added a second time, in a group or alone', async () => {
    await adder.add('wordcount', { n: 1 }, { jobId: 'd-1', attempts: 1 });
    await Promise.all([adder.add('wordcount', { n: 9 }, { jobId: 'd-1', attempts: 5 }), adder.add('wordcount', { n: 2 }, { jobId: 'd-2' })]);
    expect(await stored('d-1')).toEqual({ name: 'wordcount', data: { n: 1 }, attempts: 1, priority: 0 });
    expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 2 });
  });
});

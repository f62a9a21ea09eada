/**
 * Completions against the real Redis: a BullMQ worker in this process
 * finishes or fails jobs, and the waiters hear about it through the shared
 * QueueEvents stream, a check after adding, or the sweep.
 */
import { Queue, QueueEvents, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { encodeFailure } from '../../../src/queue/failure.ts';
import { Completions } from '../../../src/queue/completions.ts';
import type { Finished } from '../../../src/queue/completions.ts';
import { InputError } from '../../../src/errors.ts';
import { REDIS_URL, describeWithRedis } from '../../helpers/redis-available.ts';
import { removeQueue, uniqueQueueName } from '../../helpers/redis-queue.ts';

const connection = { url: REDIS_URL, maxRetriesPerRequest: null };

describeWithRedis('Completions', () => {
  let name: string;
  let queue: Queue;
  let events: QueueEvents;
  let worker: Worker | undefined;
  let completions: Completions | undefined;

  beforeEach(async () => {
    name = uniqueQueueName('completions');
    queue = new Queue(name, { connection });
    events = new QueueEvents(name, { connection });
    await events.waitUntilReady();
  });
  afterEach(async () => {
    completions?.close();
    completions = undefined;
    await worker?.close();
    worker = undefined;
    await events.close();
    await queue.close();
    await removeQueue(name);
  });

  /** A worker that answers each job by its name: `ok` returns its data doubled, `fail` throws a wordmill failure. */
  const startWorker = (): Worker => {
    worker = new Worker(name, async (job: Job<{ n: number }>) => {
      // As `wordmill worker` does: the failure travels as JSON in the error's message.
      if (job.name === 'fail') throw encodeFailure(new InputError('E_INPUT_NOT_FOUND', 'no such file: /nope'));
      return { doubled: job.data.n * 2 };
    }, { connection });
    return worker;
  };

  it('settles a waiter with the job\'s return value when it completes', async () => {
    completions = new Completions(queue, events);
    const waiting = completions.wait('j1');
    expect(completions.size).toBe(1);
    await queue.add('ok', { n: 21 }, { jobId: 'j1' });
    startWorker();
    expect(await waiting).toEqual({ ok: true, value: { doubled: 42 } });
    expect(completions.size).toBe(0);
  });

  it('settles with the decoded WordmillError when the job fails', async () => {
    completions = new Completions(queue, events);
    const waiting = completions.wait('j2');
    await queue.add('fail', { n: 1 }, { jobId: 'j2' });
    startWorker();
    const outcome = await waiting;
    expect(outcome.ok).toBe(false);
    const error = (outcome as Extract<Finished, { ok: false }>).error;
    expect({ code: error.code, message: error.message }).toEqual({ code: 'E_INPUT_NOT_FOUND', message: 'no such file: /nope' });
  });

  it('check() settles a waiter for a job that had already finished under that id', async () => {
    startWorker();
    await queue.add('ok', { n: 5 }, { jobId: 'done-before' });
    const finished = new Promise<void>((resolve) => worker!.on('completed', () => resolve()));
    await finished;
    completions = new Completions(queue, events);
    const waiting = completions.wait('done-before');
    await completions.check('done-before');
    expect(await waiting).toEqual({ ok: true, value: { doubled: 10 } });
  });

  it('check() leaves an unfinished job waiting, and fails the waiter of a job that is not in the queue', async () => {
    completions = new Completions(queue, events);
    await queue.add('ok', { n: 1 }, { jobId: 'not-run' });
    void completions.wait('not-run');
    await completions.check('not-run');
    expect(completions.size).toBe(1);
    const missing = completions.wait('missing');
    await completions.check('missing');
    const outcome = await missing;
    expect(outcome.ok).toBe(false);
    expect((outcome as Extract<Finished, { ok: false }>).error.code).toBe('E_TASK_FAILED');
    completions.forget('not-run');
    expect(completions.size).toBe(0);
  });

  it('the sweep finds a completion the event stream never delivered', async () => {
    // A QueueEvents that never runs stands for a stream that missed the event (a reconnect, say).
    const deaf = new QueueEvents(name, { connection, autorun: false });
    try {
      completions = new Completions(queue, deaf, 200);
      const waiting = completions.wait('missed');
      await queue.add('ok', { n: 4 }, { jobId: 'missed' });
      startWorker();
      expect(await waiting).toEqual({ ok: true, value: { doubled: 8 } });
    } finally {
      await deaf.close();
    }
  });

  it('forget() drops a waiter: its job finishing later settles nothing', async () => {
    completions = new Completions(queue, events);
    let settled = false;
    void completions.wait('dropped').then(() => (settled = true));
    completions.forget('dropped');
    const other = completions.wait('other');
    await queue.add('ok', { n: 1 }, { jobId: 'dropped' });
    await queue.add('ok', { n: 2 }, { jobId: 'other' });
    startWorker();
    await other; // jobs run in order: 'dropped' has finished too
    expect(settled).toBe(false);
  });

  it('close() settles every waiter with E_ENGINE_CLOSED', async () => {
    completions = new Completions(queue, events);
    const a = completions.wait('a');
    const b = completions.wait('b');
    completions.close();
    for (const outcome of await Promise.all([a, b])) {
      expect(outcome.ok).toBe(false);
      expect((outcome as Extract<Finished, { ok: false }>).error.code).toBe('E_ENGINE_CLOSED');
    }
    expect(completions.size).toBe(0);
  });
});

/** Queue mode through the engine API: the same results, files and errors as the local pool. */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createEngine } from '../../src/create-engine.ts';
import type { WordmillEngine } from '../../src/create-engine.ts';
import type { JobResult } from '../../src/dispatch/job.ts';
import { startQueueWorker } from '../../src/queue/queue-worker.ts';
import type { RunningQueueWorker } from '../../src/queue/queue-worker.ts';
import { jobView } from '../../src/queue/status.ts';
import { describeWithRedis, REDIS_URL } from '../helpers/redis-available.ts';
import { openTestQueue, removeQueue, uniqueQueueName } from '../helpers/redis-queue.ts';

const TEXT = 'The cat and the hat. Don’t stop: the CAT sat, and sat! Café café naïve 42 42 42';
const comparable = ({ id: _id, durationMs: _d, finishedAt: _f, worker: _w, writtenTo: _p, ...rest }: JobResult) => rest;

describeWithRedis('queue mode: engine API', () => {
  let name: string;
  let workerOut: string;
  let producerOut: string;
  let worker: RunningQueueWorker;
  let engine: WordmillEngine;

  beforeAll(async () => {
    name = uniqueQueueName('engine');
    workerOut = await mkdtemp(join(tmpdir(), 'wm-queue-worker-'));
    producerOut = await mkdtemp(join(tmpdir(), 'wm-queue-producer-'));
    worker = await startQueueWorker({ url: REDIS_URL, name, threads: 1, out: workerOut, lockDurationMs: 2000, stalledIntervalMs: 1000 });
    engine = createEngine({ threads: 1, outDir: producerOut, queue: { url: REDIS_URL, name, backoffMs: 50 } });
    await engine.ready();
  });
  afterAll(async () => {
    await engine?.close();
    await worker?.close();
    await removeQueue(name);
    await rm(workerOut, { recursive: true, force: true });
    await rm(producerOut, { recursive: true, force: true });
  });
  afterEach(() => engine.events.removeAllListeners());

  it('runs a job on the worker and gives the local result, written by the worker under the same id', async () => {
    const local = createEngine({ threads: 1, outDir: null });
    const expected = await local.submit({ input: { text: TEXT }, options: { top: 5 } });
    await local.close();
    const seen: string[] = [];
    engine.events.on('job:queued', () => seen.push('queued')).on('job:started', () => seen.push('started')).on('job:done', () => seen.push('done'));

    const result = await engine.submit({ id: 'queue-same-1', input: { text: TEXT }, options: { top: 5 } });
    expect(engine.mode).toBe('queue');
    expect(result.id).toBe('queue-same-1');
    expect(comparable(result)).toEqual(comparable(expected));
    expect(seen).toEqual(['queued', 'started', 'done']);
    // The worker writes the file; the producer does not write a second copy.
    const { writtenTo, ...answered } = result;
    expect(writtenTo).toBe(join(workerOut, 'text_queue-same-1.json'));
    const written = JSON.parse(await readFile(writtenTo!, 'utf8')) as JobResult;
    expect(written).toEqual(answered);
    expect((await readdir(producerOut)).filter((f) => f.endsWith('.json'))).toEqual([]);
  });

  it('answers an id that already finished in the queue with its stored result, without running it again', async () => {
    const first = await engine.submit({ id: 'queue-same-2', input: { text: TEXT }, options: { top: 5 } });
    const again = await engine.submit({ id: 'queue-same-2', input: { text: 'other words entirely' }, options: { top: 5 } });
    expect(again).toEqual(first);
  });

  it('keeps raw bytes exact (invalid UTF-8 is replaced on the worker, as locally)', async () => {
    const bytes = new Uint8Array([0x68, 0x69, 0x20, 0xff, 0x20, 0x68, 0x69]);
    const local = createEngine({ threads: 1, outDir: null });
    const expected = await local.submit({ input: { bytes } });
    await local.close();
    const result = await engine.submit({ input: { bytes } });
    expect(result.invalidUtf8).toBe(true);
    expect(comparable(result)).toEqual(comparable(expected));
  });

  it('sends file paths, not their contents, and reports a missing file with the local code and no retries', async () => {
    const queue = openTestQueue(name);
    try {
      await expect(engine.submit({ id: 'missing-file', input: { path: join(workerOut, 'nope.txt') } })).rejects.toMatchObject({ code: 'E_INPUT_NOT_FOUND' });
      const view = await jobView(queue, 'missing-file');
      expect(view).toMatchObject({ status: 'failed', attemptsMade: 1, error: { code: 'E_INPUT_NOT_FOUND' } });
    } finally {
      await queue.close();
    }
  });

  it('rejects a crafted payload on the worker without retrying it', async () => {
    const queue = openTestQueue(name);
    try {
      await queue.add('wordcount', { v: 1, id: 'crafted', task: 'wordcount', input: { code: 'process.exit(1)' } }, { jobId: 'crafted', attempts: 4 });
      const view = await waitFor(async () => {
        const v = await jobView(queue, 'crafted');
        return v?.status === 'failed' ? v : undefined;
      });
      expect(view, JSON.stringify(view)).toMatchObject({ attemptsMade: 1, error: { code: 'E_INVALID_JOB' } });
    } finally {
      await queue.close();
    }
  });

  it('refuses texts above the queue limit, and bad tasks, before they reach Redis', async () => {
    const small = createEngine({ queue: { url: REDIS_URL, name, textLimit: 10 } });
    await expect(small.submit({ input: { text: 'far more than ten bytes' } })).rejects.toMatchObject({ code: 'E_PAYLOAD_TOO_LARGE' });
    await expect(small.submit({ task: 'nope', input: { text: 'x' } })).rejects.toMatchObject({ code: 'E_UNKNOWN_TASK' });
    await small.close();
  });

  it('reports counts and live workers', async () => {
    const status = await engine.queueStatus();
    expect(status?.counts.done).toBeGreaterThanOrEqual(2);
    expect(status?.workers.map((w) => w.id)).toEqual([worker.id]);
    expect(status?.workers[0]).toMatchObject({ pid: process.pid, threads: 1, out: workerOut });
    expect(engine.stats().pool.threads).toBe(0);
  });
});

async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

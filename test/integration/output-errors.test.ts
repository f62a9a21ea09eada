/**
 * A result or log that cannot be written (here: --out lies under a regular
 * file, ENOTDIR; EACCES and ENOSPC take the same path) fails the job with
 * E_OUTPUT_FAILED, once: running it again cannot help, in the pool or through the queue.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/create-engine.ts';
import type { Engine } from '../../src/engine.ts';
import { startQueueWorker } from '../../src/queue/queue-worker.ts';
import type { RunningQueueWorker } from '../../src/queue/queue-worker.ts';
import { describeWithRedis, REDIS_URL } from '../helpers/redis-available.ts';
import { openTestQueue, removeQueue, uniqueQueueName } from '../helpers/redis-queue.ts';

let dir: string;
let blocked: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wordmill-outerr-'));
  await writeFile(join(dir, 'a-file'), 'not a folder');
  blocked = join(dir, 'a-file', 'out');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<{ code: string; retryable: boolean; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; retryable: boolean; message: string };
  }
  throw new Error('expected the job to fail');
}

describe('output failures on the pool', () => {
  for (const [what, logDir] of [['the thread log', undefined], ['the result file', null]] as const) {
    it(`${what} cannot be written: E_OUTPUT_FAILED, not retried`, async () => {
      const engine = createEngine({ threads: 1, outDir: blocked, retries: 2, ...(logDir === undefined ? {} : { logDir }) });
      const retries: string[] = [];
      engine.events.on('job:retry', (_job, error) => retries.push(error.message));
      try {
        const error = await failure(engine.submit({ input: { text: 'some words' } }));
        expect(error).toMatchObject({ code: 'E_OUTPUT_FAILED', retryable: false });
        expect(error.message).toMatch(/^could not write .*a-file\/out\/.*ENOTDIR/);
        expect(retries).toEqual([]);
      } finally {
        await engine.close();
      }
    });
  }
});

describeWithRedis('output failures through the queue', () => {
  let name: string;
  let engine: Engine;
  let worker: RunningQueueWorker;
  beforeEach(async () => {
    name = uniqueQueueName('outerr');
    worker = await startQueueWorker({ url: REDIS_URL, name, threads: 1, out: blocked }, { id: `outerr-${name}` });
    engine = createEngine({ outDir: null, queue: { url: REDIS_URL, name, maxRetries: 3, backoffMs: 100 } });
  });
  afterEach(async () => {
    await engine.close();
    await worker.close();
    await removeQueue(name);
  });

  it('the worker cannot write: E_OUTPUT_FAILED after one attempt', async () => {
    const error = await failure(engine.submit({ id: 'outerr-1', input: { text: 'some words' } }));
    expect(error).toMatchObject({ code: 'E_OUTPUT_FAILED', retryable: false });
    const queue = openTestQueue(name);
    try {
      const job = await queue.getJob('outerr-1');
      expect(await job?.getState()).toBe('failed');
      expect(job?.attemptsMade).toBe(1);
    } finally {
      await queue.close();
    }
  });
});

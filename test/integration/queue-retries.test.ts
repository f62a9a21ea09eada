/**
 * Retries in queue mode: a retryable failure (here a per-job timeout) is
 * retried with backoff up to --max-retries, then kept as failed and can be
 * put back with `wordmill jobs retry`; a retried job can succeed elsewhere.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createEngine } from '../../src/create-engine.ts';
import type { Engine } from '../../src/engine.ts';
import { startQueueWorker } from '../../src/queue/queue-worker.ts';
import type { RunningQueueWorker } from '../../src/queue/queue-worker.ts';
import { jobView } from '../../src/queue/status.ts';
import { runWordmill } from '../helpers/cli.ts';
import { describeWithRedis, REDIS_URL } from '../helpers/redis-available.ts';
import { eventually, openTestQueue, removeQueue, uniqueQueueName } from '../helpers/redis-queue.ts';

const TEXT = 'words enough to count, '.repeat(2000);

describeWithRedis('queue mode: retries', () => {
  let name: string;
  let out: string;
  let engine: Engine;
  const running: RunningQueueWorker[] = [];
  const startWorker = async (id: string, timeoutMs?: number): Promise<RunningQueueWorker> => {
    const worker = await startQueueWorker(
      { url: REDIS_URL, name, threads: 1, out, lockDurationMs: 2000, stalledIntervalMs: 1000, ...(timeoutMs === undefined ? {} : { timeoutMs }) },
      { id },
    );
    running.push(worker);
    return worker;
  };

  beforeEach(async () => {
    name = uniqueQueueName('retries');
    out = await mkdtemp(join(tmpdir(), 'wm-retries-'));
    engine = createEngine({ outDir: out, queue: { url: REDIS_URL, name, maxRetries: 2, backoffMs: 100 } });
  });
  afterEach(async () => {
    await engine.close();
    await Promise.all(running.splice(0).map((w) => w.close()));
    await removeQueue(name);
    await rm(out, { recursive: true, force: true });
  });

  it('retries a timed-out job up to the limit, keeps it failed with the code, and `jobs retry` runs it again', async () => {
    const slow = await startWorker('always-times-out', 1);
    const queue = openTestQueue(name);
    try {
      await expect(engine.submit({ id: 'too-slow', input: { text: TEXT } })).rejects.toMatchObject({ code: 'E_TIMEOUT' });
      expect(await jobView(queue, 'too-slow')).toMatchObject({ status: 'failed', attemptsMade: 3, maxAttempts: 3, error: { code: 'E_TIMEOUT' } });
      expect(slow.info()).toMatchObject({ done: 0, failed: 3 });

      await slow.close();
      await startWorker('healthy');
      const retried = await runWordmill(['jobs', 'retry', 'too-slow', '--queue', REDIS_URL, '--queue-name', name, '--json']);
      expect(retried.code, retried.stderr).toBe(0);
      expect(JSON.parse(retried.stdout)).toEqual({ id: 'too-slow', status: 'queued' });
      const view = await eventually(async () => {
        const v = await jobView(queue, 'too-slow');
        return v?.status === 'done' ? v : undefined;
      });
      expect(view).toMatchObject({ processedBy: 'healthy', result: { id: 'too-slow', totalWords: 8000 } });

      const status = await runWordmill(['jobs', 'status', 'too-slow', '--queue', REDIS_URL, '--queue-name', name, '--json']);
      expect(JSON.parse(status.stdout)).toMatchObject({ id: 'too-slow', status: 'done' });
      const again = await runWordmill(['jobs', 'retry', 'too-slow', '--queue', REDIS_URL, '--queue-name', name]);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/^error: E_NOT_RETRYABLE /);
    } finally {
      await queue.close();
    }
  });

  it('a failed attempt is retried and the job then succeeds on another worker', async () => {
    const slow = await startWorker('times-out-first', 1);
    const queue = openTestQueue(name);
    try {
      const result = engine.submit({ id: 'second-time-lucky', input: { text: TEXT } });
      await eventually(async () => ((await jobView(queue, 'second-time-lucky'))?.attemptsMade ?? 0) >= 1 || undefined);
      await slow.close();
      await startWorker('healthy');
      await expect(result).resolves.toMatchObject({ id: 'second-time-lucky', totalWords: 8000 });
      const view = await jobView(queue, 'second-time-lucky');
      expect(view?.attemptsMade).toBeGreaterThanOrEqual(2);
      expect(view?.attemptsMade).toBeLessThanOrEqual(3);
    } finally {
      await queue.close();
    }
  });
});

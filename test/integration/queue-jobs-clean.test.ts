/**
 * `wordmill jobs drain` and `wordmill jobs clean` (the built CLI) on a real
 * queue: which jobs go (by state and by age), which stay, and what they print.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Queue } from 'bullmq';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startQueueWorker } from '../../src/queue/queue-worker.ts';
import type { RunningQueueWorker } from '../../src/queue/queue-worker.ts';
import { jobCounts } from '../../src/queue/status.ts';
import { runWordmill } from '../helpers/cli.ts';
import { describeWithRedis, REDIS_URL } from '../helpers/redis-available.ts';
import { eventually, openTestQueue, removeQueue, uniqueQueueName } from '../helpers/redis-queue.ts';

/** A payload the worker refuses at once (E_INVALID_JOB, no retry): a failed job in a few ms. */
const crafted = (id: string) => ({ v: 1, id, task: 'wordcount', input: { code: 'nothing' } });
const valid = (id: string) => ({ v: 1, id, task: 'wordcount', input: { text: 'a b c' }, options: {}, source: 'test', name: 'text' });

describeWithRedis('queue mode: jobs drain and jobs clean', () => {
  let name: string;
  let queue: Queue;
  let worker: RunningQueueWorker | undefined;
  let out: string;

  beforeEach(async () => {
    name = uniqueQueueName('clean');
    queue = openTestQueue(name);
    out = await mkdtemp(join(tmpdir(), 'wm-clean-out-'));
  });
  afterEach(async () => {
    await worker?.close();
    worker = undefined;
    await queue.close();
    await removeQueue(name);
    await rm(out, { recursive: true, force: true });
  });

  const jobs = (...args: string[]) => runWordmill(['jobs', ...args, '--queue', REDIS_URL, '--queue-name', name]);
  const finished = (id: string, state: 'failed' | 'completed') =>
    eventually(async () => ((await queue.getJobState(id)) === state ? true : undefined), 10_000);

  it('drain removes every job not started yet (waiting, prioritized, delayed) and says how many', async () => {
    await queue.add('wordcount', valid('w-1'), { jobId: 'w-1' });
    await queue.add('wordcount', valid('w-2'), { jobId: 'w-2' });
    await queue.add('wordcount', valid('p-1'), { jobId: 'p-1', priority: 5 });
    await queue.add('wordcount', valid('d-1'), { jobId: 'd-1', delay: 600_000 });
    expect(await jobCounts(queue)).toMatchObject({ queued: 4, delayed: 1, prioritized: 1 });

    const drained = await jobs('drain', '--json');
    expect(drained.code, drained.stderr).toBe(0);
    const report = JSON.parse(drained.stdout) as { ids: string[] };
    expect({ ...report, ids: [...report.ids].sort() }).toEqual({ queue: name, state: 'waiting', olderThanMs: 0, removed: 4, ids: ['d-1', 'p-1', 'w-1', 'w-2'] });
    expect(await jobCounts(queue)).toEqual({ queued: 0, running: 0, done: 0, failed: 0, delayed: 0, prioritized: 0 });

    const again = await jobs('drain');
    expect(again.stdout).toBe(`queue ${name}: removed 0 waiting jobs\n`);
  });

  it('clean --state failed --older-than keeps the recent failures; completed and waiting jobs are untouched', async () => {
    worker = await startQueueWorker({ url: REDIS_URL, name, threads: 1, out });
    await queue.add('wordcount', crafted('old-fail'), { jobId: 'old-fail' });
    await finished('old-fail', 'failed');
    // Ages in seconds: room for the CLI to start (a second or more on a busy machine) without new-fail aging past 3s.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    await queue.add('wordcount', crafted('new-fail'), { jobId: 'new-fail' });
    await queue.add('wordcount', valid('done-1'), { jobId: 'done-1' });
    await finished('new-fail', 'failed');
    await finished('done-1', 'completed');
    await worker.close();
    await queue.add('wordcount', valid('still-waiting'), { jobId: 'still-waiting' });

    const old = await jobs('clean', '--state', 'failed', '--older-than', '3s', '--json');
    expect(old.code, old.stderr).toBe(0);
    expect(JSON.parse(old.stdout)).toEqual({ queue: name, state: 'failed', olderThanMs: 3000, removed: 1, ids: ['old-fail'] });
    expect(await jobCounts(queue)).toMatchObject({ queued: 1, done: 1, failed: 1 });

    const rest = await jobs('clean', '--state', 'failed');
    expect(rest.stdout).toBe(`queue ${name}: removed 1 failed job\n`);
    const completed = await jobs('clean', '--json');
    expect(JSON.parse(completed.stdout)).toMatchObject({ state: 'completed', removed: 1, ids: ['done-1'] });
    expect(await jobCounts(queue)).toMatchObject({ queued: 1, done: 0, failed: 0 });
  });

  it('refuses a state or an age it does not know, naming the option', async () => {
    const state = await jobs('clean', '--state', 'running');
    expect(state.code).toBe(2);
    expect(state.stderr).toContain("option '--state <state>' argument 'running' is invalid. Allowed choices are waiting, failed, completed.");
    const age = await jobs('clean', '--state', 'failed', '--older-than', 'soon');
    expect(age.code).toBe(2);
    expect(age.stderr).toBe('error: option --older-than: expected a duration from 0 ms to 315360000000 ms, like 30s, 5m, 1h or 1500 (ms) (got "soon")\n');
  });
});

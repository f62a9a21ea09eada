/**
 * Small counts go to the threads in batches (src/pool/task-batcher.ts): each
 * still answers, fails, logs and aborts on its own, on real worker threads.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ThreadPool } from '../../src/pool/thread-pool.ts';
import type { TaskSuccess } from '../../src/pool/thread-pool.ts';
import type { CountRequest, TaskRequest } from '../../src/protocol.ts';
import { parseTaskOptions } from '../../src/tasks/registry.ts';

const options = parseTaskOptions('wordcount', {}, undefined);

function count(jobId: string, text: string | Uint8Array, logDir: string | null = null): CountRequest {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  return { type: 'count', jobId, source: 'test', task: 'wordcount', input: { kind: 'bytes', bytes, atStart: true }, mode: 'final', options, logDir };
}

const words = (done: TaskSuccess): number => (done.kind === 'final' ? done.stats.totalWords : -1);

describe('small counts in batches', () => {
  let pool: ThreadPool;
  let dir: string;

  beforeEach(() => {
    pool = new ThreadPool({ threads: 2 });
    dir = mkdtempSync(join(tmpdir(), 'wordmill-batches-'));
  });

  afterEach(async () => {
    await pool.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers each task alone: a binary input and a crashing task fail only themselves', async () => {
    const logDir = join(dir, 'logs');
    const requests: TaskRequest[] = Array.from({ length: 40 }, (_, i) => count(`job-${i}`, 'the cat and the hat '.repeat(i + 1), logDir));
    requests[7] = count('binary', new Uint8Array([104, 105, 0, 0, 33]), logDir);
    // An unknown task throws in the thread: not a failure reported as data, so a crash of its own.
    requests[20] = { ...count('crash', 'some words', logDir), task: 'no-such-task' } as unknown as TaskRequest;
    const outcomes = await Promise.allSettled(requests.map((request) => pool.run(request)));

    outcomes.forEach((outcome, i) => {
      if (i === 7) expect(outcome).toMatchObject({ status: 'rejected', reason: { code: 'E_BINARY_INPUT' } });
      else if (i === 20) expect(outcome).toMatchObject({ status: 'rejected', reason: { code: 'E_WORKER_CRASHED' } });
      else expect(outcome.status === 'fulfilled' ? words(outcome.value) : outcome.reason).toBe(5 * (i + 1));
    });
    expect(pool.stats().completed).toBe(40);
    // One log line per task, in the log of the thread that ran it.
    const lines = readdirSync(logDir).flatMap((file) => readFileSync(join(logDir, file), 'utf8').trim().split('\n'));
    const byJob = new Map(lines.map((line) => JSON.parse(line) as { jobId: string; outcome: string }).map((l) => [l.jobId, l.outcome]));
    expect(lines).toHaveLength(40);
    expect(byJob.get('binary')).toBe('failed');
    expect(byJob.get('crash')).toBe('failed');
    expect(byJob.get('job-39')).toBe('done');
  });

  it('rejects an aborted task with its signal reason at once; the rest of its batch is answered', async () => {
    const controllers = Array.from({ length: 12 }, () => new AbortController());
    const runs = controllers.map((c, i) => pool.run(count(`job-${i}`, 'one two three '.repeat(i + 1)), c.signal));
    controllers[3]!.abort(new Error('stopped while waiting'));
    const early = new AbortController();
    early.abort(new Error('aborted before'));
    await expect(pool.run(count('early', 'a b'), early.signal)).rejects.toThrow('aborted before');
    const outcomes = await Promise.allSettled(runs);
    outcomes.forEach((outcome, i) => {
      if (i === 3) expect(outcome).toMatchObject({ status: 'rejected', reason: { message: 'stopped while waiting' } });
      else expect(outcome.status === 'fulfilled' ? words(outcome.value) : outcome.reason).toBe(3 * (i + 1));
    });
  });

  it('stops a batch whose every task was aborted, and keeps serving', async () => {
    const controller = new AbortController();
    const runs = Array.from({ length: 6 }, (_, i) => pool.run(count(`job-${i}`, 'word '.repeat(1000)), controller.signal));
    // Let the batch reach a thread, then abort every task in it.
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new Error('all gone'));
    for (const outcome of await Promise.allSettled(runs)) expect(outcome).toMatchObject({ status: 'rejected', reason: { message: 'all gone' } });
    expect(words(await pool.run(count('after', 'still counting')))).toBe(2);
  });
});

/**
 * Several `wordmill worker` processes (the built CLI, as real child processes)
 * on one queue: a corpus run shared between two, and one SIGKILLed mid-job
 * whose job the other finishes, nothing lost and nothing written twice.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createEngine } from '../../src/create-engine.ts';
import { jobView } from '../../src/queue/status.ts';
import { runWordmill } from '../helpers/cli.ts';
import { describeWithRedis, REDIS_URL } from '../helpers/redis-available.ts';
import { eventually, openTestQueue, removeQueue, uniqueQueueName } from '../helpers/redis-queue.ts';
import { startWorkerProcess } from '../helpers/redis-worker-process.ts';
import type { WorkerProcess } from '../helpers/redis-worker-process.ts';

const SENTENCE = 'It was a dark and stormy night; the rain fell in torrents, except at occasional intervals. ';

async function writeCorpus(dir: string, files: number, bytes: number): Promise<string[]> {
  const body = SENTENCE.repeat(Math.ceil(bytes / SENTENCE.length));
  const names = Array.from({ length: files }, (_, i) => `book-${i}.txt`);
  await Promise.all(names.map((name, i) => writeFile(join(dir, name), `${body} unique${i}`)));
  return names;
}

async function resultFiles(out: string): Promise<Array<{ id: string; source: string; totalWords: number }>> {
  const names = (await readdir(out)).filter((f) => f.endsWith('.json'));
  return Promise.all(names.map(async (f) => JSON.parse(await readFile(join(out, f), 'utf8')) as { id: string; source: string; totalWords: number }));
}

/** `job done` lines in every worker's own log (NDJSON, parsed). */
async function doneLines(out: string): Promise<Array<{ jobId: string; worker: string }>> {
  const lines: Array<{ jobId: string; worker: string }> = [];
  for (const dir of await readdir(join(out, 'logs'))) {
    const text = await readFile(join(out, 'logs', dir, 'worker.log'), 'utf8').catch(() => '');
    for (const line of text.split('\n').filter(Boolean)) {
      const entry = JSON.parse(line) as { outcome?: string; jobId: string; worker: string };
      if (entry.outcome === 'done') lines.push(entry);
    }
  }
  return lines;
}

describeWithRedis('queue mode: worker processes', () => {
  let name: string;
  let dir: string;
  let out: string;
  let workers: WorkerProcess[];

  beforeEach(async () => {
    name = uniqueQueueName('cluster');
    dir = await mkdtemp(join(tmpdir(), 'wm-cluster-in-'));
    out = await mkdtemp(join(tmpdir(), 'wm-cluster-out-'));
    workers = [];
  });
  afterEach(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await removeQueue(name);
    await rm(dir, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
  });

  it('two workers share a `process --queue` corpus run; one file per input, the local counts', async () => {
    workers.push(await startWorkerProcess(name, out), await startWorkerProcess(name, out));
    const names = await writeCorpus(dir, 8, 2_000_000);
    const run = await runWordmill(['process', dir, '--queue', REDIS_URL, '--queue-name', name, '--out', out, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as { files: number; failed: number };
    expect(summary).toMatchObject({ files: 8, failed: 0 });

    const results = await resultFiles(out);
    expect(results.map((r) => r.source).sort()).toEqual([...names].sort());
    expect(new Set(results.map((r) => r.id)).size).toBe(8);
    const local = await runWordmill(['process', join(dir, 'book-0.txt'), '--out', join(out, 'local'), '--json']);
    expect(local.code).toBe(0);
    const [localResult] = await resultFiles(join(out, 'local'));
    expect(results.find((r) => r.source === 'book-0.txt')?.totalWords).toBe(localResult?.totalWords);

    const done = await doneLines(out);
    expect(done).toHaveLength(8);
    expect(new Set(done.map((d) => d.worker))).toEqual(new Set(workers.map((w) => w.id)));

    const status = await runWordmill(['workers', 'status', '--queue', REDIS_URL, '--queue-name', name, '--json']);
    const live = JSON.parse(status.stdout) as { workers: Array<{ id: string; done: number }> };
    expect(live.workers.map((w) => w.id).sort()).toEqual(workers.map((w) => w.id).sort());
    expect(live.workers.reduce((n, w) => n + w.done, 0)).toBe(8);
  });

  it('a SIGKILLed worker\'s job is finished by the other worker: nothing lost, nothing written twice', async () => {
    const [victim, survivor] = [await startWorkerProcess(name, out), await startWorkerProcess(name, out)];
    workers.push(victim!, survivor!);
    await writeCorpus(dir, 8, 12_000_000);
    const engine = createEngine({ outDir: out, queue: { url: REDIS_URL, name, backoffMs: 50 } });
    const queue = openTestQueue(name);
    try {
      const files = (await readdir(dir)).map((f) => ({ input: { path: join(dir, f) }, source: f }));
      const all = engine.map(files);
      // Wait until the victim holds a job, then kill it without warning.
      const killedJob = await eventually(async () => (await queue.getActive()).find((j) => j.processedBy === victim!.id)?.id, 20_000, 5);
      victim!.child.kill('SIGKILL');

      const outcomes = await all;
      expect(outcomes.filter((o) => !o.ok)).toEqual([]);
      const view = await jobView(queue, killedJob);
      expect(view).toMatchObject({ status: 'done', processedBy: survivor!.id });

      const results = await resultFiles(out);
      expect(results).toHaveLength(8);
      expect(new Set(results.map((r) => r.id)).size).toBe(8);
      const done = await doneLines(out);
      expect(done.filter((d) => d.jobId === killedJob)).toEqual([{ ...done.find((d) => d.jobId === killedJob), worker: survivor!.id }]);
      expect(new Set(done.map((d) => d.jobId)).size).toBe(done.length);
    } finally {
      await queue.close();
      await engine.close();
    }
  });
});

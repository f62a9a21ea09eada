/**
 * What `wordmill process --queue` and `serve --queue` (the built CLI) tell
 * their user: that no worker consumes the queue and how to start one, that
 * one appeared, where the workers wrote the result files; and that Ctrl-C on
 * `process` takes back the jobs no worker has started instead of leaving them queued.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { RunSummary } from '../../src/cli/summary.ts';
import { jobCounts } from '../../src/queue/status.ts';
import { describeWithRedis, REDIS_URL } from '../helpers/redis-available.ts';
import { startProducerProcess } from '../helpers/redis-producer-process.ts';
import type { ProducerProcess } from '../helpers/redis-producer-process.ts';
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

describeWithRedis('queue mode: what process --queue tells its user', () => {
  let name: string;
  let dir: string;
  let out: string;
  let workers: WorkerProcess[];
  let producers: ProducerProcess[];

  beforeEach(async () => {
    name = uniqueQueueName('producer');
    dir = await mkdtemp(join(tmpdir(), 'wm-producer-in-'));
    out = await mkdtemp(join(tmpdir(), 'wm-producer-out-'));
    workers = [];
    producers = [];
  });
  afterEach(async () => {
    for (const p of producers) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.stop()));
    await removeQueue(name);
    await rm(dir, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
  });

  const processArgs = (): string[] => ['process', dir, '--queue', REDIS_URL, '--queue-name', name, '--json'];

  it('says there is no worker and how to start one, then that one appeared; the summary names the workers\' folder, not local threads', async () => {
    const names = await writeCorpus(dir, 3, 10_000);
    // The producer's own --out is elsewhere: the files must be reported where the worker wrote them.
    const producer = startProducerProcess([...processArgs(), '--out', join(dir, 'not-here')]);
    producers.push(producer);
    const warning = await producer.waitForStderr(/warning: no live wordmill worker on queue "[^"]+".*\n/);
    expect(warning).toContain(`on queue "${name}"`);
    expect(warning).toContain(`Start one: npx wordmill worker --queue ${REDIS_URL} --queue-name ${name} --out <shared output folder>`);

    const worker = await startWorkerProcess(name, out);
    workers.push(worker);
    expect(await producer.exited, producer.stderr()).toBe(0);
    expect(producer.stderr()).toContain(`1 worker live on queue "${name}": ${worker.id} (out ${out})`);
    // Said once while nobody listened, not on every progress line.
    expect(producer.stderr().match(/no live wordmill worker/g)).toHaveLength(1);

    const summary = JSON.parse(producer.stdout()) as RunSummary;
    expect(summary).toMatchObject({ mode: 'queue', threads: null, outDir: out, queue: { name, outDirs: [out] }, files: 3, succeeded: 3 });
    expect(summary.results.map((r) => r.output).sort()).toEqual((await readdir(out)).filter((f) => f.endsWith('.json')).map((f) => join(out, f)).sort());
    expect(summary.results.map((r) => r.source).sort()).toEqual(names);
    // The producer's --out holds only its own run record (manifest and log), no result file.
    expect((await readdir(join(dir, 'not-here'))).sort()).toEqual(['logs', 'runs']);
    expect(await readdir(join(dir, 'not-here', 'runs'))).toEqual([`${summary.runId}.json`]);
  });

  it('Ctrl-C with no worker removes every job of the run from the queue and exits 130', async () => {
    await writeCorpus(dir, 4, 10_000);
    const producer = startProducerProcess(processArgs());
    producers.push(producer);
    const queue = openTestQueue(name);
    try {
      await eventually(async () => ((await jobCounts(queue)).queued === 4 ? true : undefined));
      producer.child.kill('SIGINT');
      expect(await producer.exited).toBe(130);
      expect(producer.stderr()).toContain(`interrupted: removed 4 waiting jobs of this run from queue "${name}"; none was running; 0 had finished`);
      expect(JSON.parse(producer.stdout())).toEqual({ interrupted: 'SIGINT', queue: name, removed: 4, running: [], finished: 0 });
      expect(await jobCounts(queue)).toEqual({ queued: 0, running: 0, done: 0, failed: 0, delayed: 0, prioritized: 0 });
    } finally {
      await queue.close();
    }
  });

  it('Ctrl-C while a worker runs one job: the others are removed, the running one finishes and writes its file', async () => {
    await writeCorpus(dir, 3, 12_000_000);
    const worker = await startWorkerProcess(name, out);
    workers.push(worker);
    const producer = startProducerProcess(processArgs());
    producers.push(producer);
    const queue = openTestQueue(name);
    try {
      await eventually(async () => (await queue.getActive())[0]?.id, 20_000, 5);
      producer.child.kill('SIGINT');
      expect(await producer.exited).toBe(130);
      const report = JSON.parse(producer.stdout()) as { removed: number; running: string[]; finished: number };
      // The worker may finish its job before the producer looks; it never starts another.
      expect(report.removed + report.running.length + report.finished).toBe(3);
      expect(report.removed).toBeGreaterThanOrEqual(1);
      expect(report.running.length).toBeLessThanOrEqual(1);
      await eventually(async () => ((await jobCounts(queue)).running === 0 ? true : undefined), 20_000);
      expect(await jobCounts(queue)).toMatchObject({ queued: 0, running: 0, failed: 0, done: 3 - report.removed });
      expect((await readdir(out)).filter((f) => f.endsWith('.json'))).toHaveLength(3 - report.removed);
    } finally {
      await queue.close();
    }
  });

  it('serve --queue logs a warning with the worker command while no worker is live, and when one appears', async () => {
    const server = startProducerProcess(['serve', '--queue', REDIS_URL, '--queue-name', name, '--port', '0', '--mqtt', 'off', '--threads', '1', '--out', out]);
    producers.push(server);
    const logLine = async (pattern: RegExp): Promise<{ level: number; msg: string; queue: string }> =>
      JSON.parse(await server.waitForStderr(new RegExp(`^.*${pattern.source}.*$`, 'm'))) as { level: number; msg: string; queue: string };
    const warning = await logLine(/no live wordmill worker/);
    expect(warning).toMatchObject({ level: 40, queue: name });
    expect(warning.msg).toContain(`Start one: npx wordmill worker --queue ${REDIS_URL} --queue-name ${name} --out <shared output folder>`);

    const worker = await startWorkerProcess(name, out);
    workers.push(worker);
    const back = await logLine(/worker live on queue/);
    expect(back).toMatchObject({ level: 30, queue: name, msg: `1 worker live on queue "${name}": ${worker.id} (out ${out})` });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});

/**
 * The ceiling for queued small jobs on this machine: bare BullMQ, no wordmill.
 * `node --import tsx bench/profile/queue-ceiling.ts [count] [rounds]` starts
 * two consumer processes (concurrency 8, a job that returns an ~830-byte object
 * at once) and one producer process, and measures two producer shapes per round:
 * - `wait`: 32 jobs in flight, each added on its own with the options wordmill
 *   sets and awaited through one QueueEvents stream (what `serve --queue` does);
 * - `bulk`: every job added by addBulk in groups of 100 without waiting, the
 *   clock stopping when the last one completed.
 * Per round: jobs/s and CPU µs per job of producer, each consumer and
 * redis-server (user+sys from /proc). Linux only.
 */
import { execFileSync, fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { REDIS_URL, removeQueue } from '../lib/queue-workers.ts';

const connection = { url: REDIS_URL, maxRetriesPerRequest: null };
const CONCURRENCY = 8;
const IN_FLIGHT = 32;
const TEXT = 'x'.repeat(1368); // a 1 KiB body as base64
const RESULT = { id: '', task: 'wordcount', source: 'http', name: 'http', totalWords: 66, uniqueWords: 52, top: Array.from({ length: 20 }, (_, i) => ({ word: `word${i}`, count: 20 - i })), bytes: 1024, worker: 1, durationMs: 0.5, finishedAt: new Date().toISOString(), options: { top: 20, stopwords: 'en' }, chunks: 1, invalidUtf8: false, writtenTo: '/tmp/out/http_0000000000000000.json' };
const JOB_OPTIONS = { attempts: 4, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { age: 24 * 3600, count: 10_000 }, removeOnFail: { age: 7 * 24 * 3600, count: 100_000 } };

const cpuMs = (pid: number): number => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};

async function consumer(name: string): Promise<void> {
  const worker = new Worker(name, async (job) => ({ ...RESULT, id: job.id }), { connection, concurrency: CONCURRENCY });
  await worker.waitUntilReady();
  process.send!('ready');
  process.on('message', () => void worker.close().then(() => process.exit(0)));
}

async function producer(name: string, count: number, shape: string): Promise<void> {
  const queue = new Queue(name, { connection });
  const events = new QueueEvents(name, { connection });
  await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
  const waiters = new Map<string, () => void>();
  let completed = 0;
  let allDone: () => void = () => {};
  const done = new Promise<void>((resolve) => (allDone = resolve));
  events.on('completed', ({ jobId }) => {
    waiters.get(jobId)?.();
    waiters.delete(jobId);
    if (++completed === count) allDone();
  });
  process.send!('ready');
  await new Promise((resolve) => process.once('message', resolve));
  const prefix = randomBytes(4).toString('hex');
  const t0 = performance.now();
  if (shape === 'wait') {
    let next = 0;
    await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
      while (next < count) {
        const jobId = `j${prefix}${next++}`;
        const finished = new Promise<void>((resolve) => waiters.set(jobId, resolve));
        await queue.add('wordcount', { v: 1, id: jobId, task: 'wordcount', input: { base64: TEXT }, options: { top: 20, stopwords: 'en' }, source: 'http', name: 'http' }, { ...JOB_OPTIONS, jobId });
        await finished;
      }
    }));
  } else {
    for (let i = 0; i < count; i += 100) {
      await queue.addBulk(Array.from({ length: Math.min(100, count - i) }, (_, k) => {
        const jobId = `j${prefix}${i + k}`;
        return { name: 'wordcount', data: { v: 1, id: jobId, task: 'wordcount', input: { base64: TEXT }, options: { top: 20, stopwords: 'en' }, source: 'http', name: 'http' }, opts: { ...JOB_OPTIONS, jobId } };
      }));
    }
    await done;
  }
  process.send!(performance.now() - t0);
  await Promise.all([queue.close(), events.close()]);
  process.exit(0);
}

function start(args: string[]): Promise<ChildProcess> {
  const child = fork(new URL(import.meta.url).pathname, args, { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve) => child.once('message', () => resolve(child)));
}

async function round(count: number, shape: string): Promise<string> {
  const name = `wm-ceiling-${randomBytes(4).toString('hex')}`;
  const redisPid = Number(execFileSync('pgrep', ['-o', 'redis-server'], { encoding: 'utf8' }).trim());
  const consumers = [await start(['consumer', name]), await start(['consumer', name])];
  const prod = await start(['producer', name, String(count), shape]);
  try {
    const pids = [prod.pid!, ...consumers.map((c) => c.pid!), redisPid];
    const before = pids.map(cpuMs);
    prod.send('go');
    const wallMs = await new Promise<number>((resolve) => prod.once('message', (m) => resolve(Number(m))));
    const per = pids.map((pid, i) => Math.round(((cpuMs(pid) - before[i]!) * 1000) / count));
    return `${shape}: ${Math.round(count / (wallMs / 1000))} jobs/s  cpu µs/job: producer ${per[0]}  consumers ${per[1]}+${per[2]}  redis ${per[3]}  sum ${per.reduce((a, b) => a + b, 0)}`;
  } finally {
    for (const c of consumers) c.send('stop');
    await Promise.all(consumers.map((c) => new Promise((resolve) => c.once('exit', resolve))));
    await removeQueue(name);
  }
}

async function main(): Promise<void> {
  const [role, name, count, shape] = process.argv.slice(2);
  if (role === 'consumer') return consumer(name!);
  if (role === 'producer') return producer(name!, Number(count), shape!);
  const jobs = Number(role ?? 5000);
  const rounds = Number(name ?? 2);
  for (let r = 0; r < rounds; r++) {
    for (const s of ['wait', 'bulk']) {
      const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
      process.stdout.write(`round ${r + 1} (load ${load}) ${await round(jobs, s)}\n`);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});

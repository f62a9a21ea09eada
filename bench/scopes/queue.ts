/**
 * Queue scope: `wordmill process` on one folder in-process
 * (--threads 1 and N) against queue mode with 1 and 2 `wordmill worker`
 * processes of one thread each, on a unique BullMQ queue of the local Redis.
 * The folder is data/'s four books copied several times (one job per file),
 * so jobs/s means something. Each measured command is the producer, spawn to
 * exit; the workers are long-lived (as in a cluster), started and ready
 * before the clock runs, with one unmeasured run first. Every run's results
 * are checked against the conformance data and between modes. The queue is
 * obliterated and the workers stopped at the end, also on failure. Then small
 * jobs through `serve --queue` against `serve` in-process (queue-small.ts). Without
 * Redis the scope logs "skipped: redis not reachable" and reports nothing.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { unreachableReason } from '../../src/queue/connection.ts';
import { CACHE_DIR, DATA_DIR } from '../corpus/inputs.ts';
import { warmPageCache } from '../corpus/page-cache.ts';
import { expectEqual, sameWordmillResults } from '../lib/checks.ts';
import { describeCommand, measurementOf, runCommand, type CommandSpec } from '../lib/run-command.ts';
import { maxRss, throughput } from '../lib/stats.ts';
import type { CaseResult, Measurement, Scope } from '../lib/types.ts';
import { CLI, processCommand, readWordmillRun, type WordmillRun } from '../lib/wordmill-cli.ts';
import { explicitSize } from './tasks.ts';
import { REDIS_URL, removeQueue, startWorker, stopWorker, type QueueWorkerProcess } from '../lib/queue-workers.ts';
import { smallJobCases } from './queue-small.ts';

const FIXTURES = new URL('../../test/fixtures/conformance/', import.meta.url);
/** ~15 MB: 7 copies of data/, 28 jobs; a run takes ~2 s, the scope under a minute. */
const DEFAULT_QUEUE_SIZE = 16e6;

/** data/'s books, each copied `copies` times as its own file: many jobs of realistic size. */
function queueCorpus(sizeBytes: number): { dir: string; files: number; bytes: number; copies: number } {
  const books = readdirSync(DATA_DIR).filter((f) => f.endsWith('.txt')).sort();
  const unit = books.reduce((n, f) => n + statSync(`${DATA_DIR}${f}`).size, 0);
  const copies = Math.max(1, Math.round(sizeBytes / unit));
  const dir = `${CACHE_DIR}queue-data-x${copies}/`;
  if (!existsSync(dir) || readdirSync(dir).length !== books.length * copies) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (let c = 0; c < copies; c++) for (const b of books) copyFileSync(`${DATA_DIR}${b}`, `${dir}${b.replace(/\.txt$/, '')}-${String(c).padStart(3, '0')}.txt`);
  }
  return { dir, files: books.length * copies, bytes: unit * copies, copies };
}

/** Every copy must give its book's conformance totals and top words. */
function checkAgainstFixtures(what: string, run: WordmillRun, files: number): void {
  expectEqual(`${what} file count`, run.files.size, files);
  for (const [source, counts] of run.files) {
    const book = source.replace(/-\d{3}\.txt$/, '');
    const expected = JSON.parse(readFileSync(new URL(`${book}.expected.json`, FIXTURES), 'utf8')) as unknown;
    expectEqual(`${what} ${source}`, counts, expected);
  }
}

export const queueScope: Scope = {
  name: 'queue',
  description: 'process in-process (1, N threads) vs queue mode with 1 and 2 worker processes (1 thread each), jobs/s and MB/s; then 1 KiB jobs through serve --queue with 2 workers vs serve in-process; needs Redis',
  async run(options, log) {
    const unreachable = await unreachableReason(REDIS_URL, 1000);
    if (unreachable !== undefined) {
      log(`  skipped: redis not reachable at ${REDIS_URL} (${unreachable})`);
      return [];
    }
    const corpus = queueCorpus(explicitSize(options, DEFAULT_QUEUE_SIZE));
    warmPageCache(corpus.dir);
    const input = `data/ ×${corpus.copies}: ${corpus.files} files`;
    log(`queue: ${input} (${(corpus.bytes / 1e6).toFixed(1)} MB)`);
    const queueName = `wm-bench-${randomBytes(4).toString('hex')}`;
    const scratch = `${CACHE_DIR}scratch/queue-${queueName}/`;
    const results: CaseResult[] = [];
    const workers: QueueWorkerProcess[] = [];
    let reference: WordmillRun | undefined;

    const measure = async (name: string, threads: number, extra: string[], warmUp: boolean, mode: string): Promise<void> => {
      const out = `${scratch}${mode}`;
      // processCommand empties --out first: right locally, but in queue mode the folder is the
      // running workers' (their logs live in it), so the producer gets the same flags without that.
      const spec = (): CommandSpec => mode === 'queue'
        ? { command: process.execPath, args: [CLI, 'process', corpus.dir, '--threads', String(threads), '--out', out, '--json', ...extra] }
        : processCommand(corpus.dir, out, threads, extra);
      if (warmUp) readWordmillRun((await runCommand(spec())).stdout);
      const runs: Measurement[] = [];
      for (let r = 0; r < options.runs; r++) {
        const run = await runCommand(spec());
        const answer = readWordmillRun(run.stdout);
        checkAgainstFixtures(name, answer, corpus.files);
        // Queue mode must answer exactly as the local pool: same files, totals and top words.
        if (reference) sameWordmillResults(`${name} vs in-process`, answer, reference);
        reference ??= answer;
        // The producer's CPU time is not the work's (the workers do it): MB/cpu-s would flatter queue mode.
        const { cpuMs: _producerCpu, ...measured } = measurementOf(run);
        runs.push(mode === 'queue' ? measured : measurementOf(run));
        log(`  ${name}: run ${r + 1}/${options.runs} ${(run.wallMs / 1000).toFixed(2)} s`);
      }
      const t = throughput(corpus.bytes, runs);
      const peak = maxRss(runs);
      results.push({
        scope: 'queue', input, name, kind: 'wordmill', threads, bytes: corpus.bytes, runs, ...t,
        ...(peak === undefined ? {} : { peakRssBytes: peak }),
        checked: {
          files: corpus.files, totalWords: reference?.totalWords ?? 0,
          jobsPerSec: Number((corpus.files / (t.wallMs.median / 1000)).toFixed(1)),
        },
        command: describeCommand(spec()),
        ...(mode.startsWith('queue') ? { note: 'peak RSS is the producer\'s; CPU time is left out: the workers run the jobs' } : {}),
      });
      log(`  ${name}: ${t.mbPerSec.median.toFixed(1)} MB/s, ${(corpus.files / (t.wallMs.median / 1000)).toFixed(1)} jobs/s`);
    };

    try {
      for (const threads of options.threads) {
        await measure(`process in-process, --threads ${threads}`, threads, [], false, `local-${threads}`);
      }
      const queueFlags = ['--queue', REDIS_URL, '--queue-name', queueName];
      const workerOut = `${scratch}queue`;
      mkdirSync(workerOut, { recursive: true });
      for (const count of [1, 2]) {
        while (workers.length < count) await startWorker(queueName, workerOut, workers, ['--threads', '1']);
        // The producer gets one thread: in queue mode it only adds jobs and waits (docs/cluster.md).
        // Same --out as the workers: process --queue prints paths under it and the workers write there.
        await measure(`process --queue, ${count} worker${count > 1 ? 's' : ''} × 1 thread`, 1, queueFlags, true, 'queue');
      }
    } finally {
      await Promise.all(workers.map(stopWorker));
      await removeQueue(queueName).catch((error: unknown) => log(`  could not remove queue ${queueName}: ${String(error)}`));
      rmSync(scratch, { recursive: true, force: true });
    }
    results.push(...(await smallJobCases(options.runs, log)));
    return results;
  },
};

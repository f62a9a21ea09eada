/**
 * Small jobs in queue mode: 1 KiB texts POSTed (`?wait=true`, 32 keep-alive
 * connections) to `wordmill serve --queue` with two `wordmill worker`
 * processes, against `wordmill serve` in-process, both writing result files.
 * The workers start and are ready before the clock runs; each side has one
 * unmeasured round first. jobs/s and MB/s per side; every answer's totalWords
 * is added up and checked.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { CACHE_DIR } from '../corpus/inputs.ts';
import { expectEqual } from '../lib/checks.ts';
import { runHttpLoad } from '../lib/http-load.ts';
import { REDIS_URL, removeQueue, startWorker, stopWorker, type QueueWorkerProcess } from '../lib/queue-workers.ts';
import { startServeProcess } from '../lib/server-process.ts';
import { textBodies } from '../lib/service.ts';
import { throughput } from '../lib/stats.ts';
import type { CaseResult, Measurement } from '../lib/types.ts';

const JOBS = 5000;
const BODY_BYTES = 1024;
const CONNECTIONS = 32;
/**
 * Jobs each worker takes at once: several per thread, so the thread does not wait on Redis between
 * jobs, but both workers' slots together (16) fewer than the jobs in flight (32 connections), so a
 * worker always finds a job waiting when one ends and BullMQ hands it over in the same call that
 * completes the previous one. At 32 per worker the slots outnumbered the jobs: each job was then
 * fetched by a blocking pop and a call of its own, and the run cost ~18% more CPU per job
 * (bench/profile/queue-cpu.ts, 3 interleaved rounds).
 */
export const SMALL_JOB_CONCURRENCY = 8;

function wordsOf(status: number, body: string): number {
  const result = JSON.parse(body) as { totalWords?: number };
  if (status !== 200 || result.totalWords === undefined) throw new Error(`POST /v1/jobs?wait=true answered ${status}: ${body.slice(0, 300)}`);
  return result.totalWords;
}

export async function smallJobCases(runsWanted: number, log: (line: string) => void): Promise<CaseResult[]> {
  const { bodies, totalWords, totalBytes } = textBodies(JOBS, BODY_BYTES);
  const queueName = `wm-bench-small-${randomBytes(4).toString('hex')}`;
  const scratch = `${CACHE_DIR}scratch/queue-${queueName}/`;
  const input = `${JOBS} texts of ~1 KiB`;
  const workerArgs = ['--threads', '1', '--concurrency', String(SMALL_JOB_CONCURRENCY)];
  const sides = [
    { name: 'serve in-process, 2 threads, result files', args: ['--threads', '2'], workers: 0 },
    { name: `serve --queue, 2 workers × 1 thread (--concurrency ${SMALL_JOB_CONCURRENCY}), result files`, args: ['--threads', '1', '--queue', REDIS_URL, '--queue-name', queueName], workers: 2 },
  ];
  const results: CaseResult[] = [];
  const workers: QueueWorkerProcess[] = [];
  let inProcess: number | undefined;
  try {
    for (const side of sides) {
      const out = `${scratch}${side.workers === 0 ? 'local' : 'queue'}`;
      mkdirSync(out, { recursive: true });
      while (workers.length < side.workers) await startWorker(queueName, out, workers, workerArgs);
      const server = await startServeProcess(['--mqtt', 'off', '--out', out, ...side.args]);
      const runs: Measurement[] = [];
      try {
        const url = `${server.url}/v1/jobs?wait=true`;
        await runHttpLoad({ url, bodies: bodies.slice(0, 500), connections: CONNECTIONS });
        for (let r = 0; r < runsWanted; r++) {
          let tallied = 0;
          const load = await runHttpLoad({ url, bodies, connections: CONNECTIONS, onBody: (status, body) => void (tallied += wordsOf(status, body)) });
          expectEqual(`${side.name}: ${JOBS} answers' total`, tallied, totalWords);
          runs.push({ wallMs: load.wallMs });
          log(`  small jobs, ${side.name}: run ${r + 1}/${runsWanted} ${Math.round(JOBS / (load.wallMs / 1000))} jobs/s`);
        }
      } finally {
        await server.stop();
      }
      const t = throughput(totalBytes, runs);
      const perSec = Math.round(JOBS / (t.wallMs.median / 1000));
      inProcess ??= perSec;
      const ratio = Math.round((perSec / inProcess) * 100) / 100;
      results.push({
        scope: 'queue', input, name: `small jobs: ${side.name}`, kind: 'wordmill', threads: side.workers === 0 ? 2 : side.workers, bytes: totalBytes, runs, ...t,
        note: `${perSec} jobs/s (${ratio}× in-process); workers start outside the clock`,
        checked: { totalWords, jobsPerSec: perSec, ratioToInProcess: ratio },
      });
      log(`  small jobs, ${side.name}: ${perSec} jobs/s, ${t.mbPerSec.median.toFixed(2)} MB/s (${ratio}× in-process)`);
    }
  } finally {
    await Promise.all(workers.map(stopWorker));
    await removeQueue(queueName).catch((error: unknown) => log(`  could not remove queue ${queueName}: ${String(error)}`));
    rmSync(scratch, { recursive: true, force: true });
  }
  return results;
}

/**
 * A `wordmill worker` process: a BullMQ Worker that takes jobs from Redis and
 * runs them on this process's own engine (its Piscina pool), which writes the
 * result files and thread logs. BullMQ's concurrency equals the engine's, so a
 * taken job never waits here, and the CPU work stays on threads: the event
 * loop is free to renew job locks.
 */
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'bullmq';
import type { Job as BullJob } from 'bullmq';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { resolveEngineOptions } from '../config.ts';
import { createPoolExecutor } from '../dispatch/pool-executor.ts';
import { assembleEngine } from '../engine.ts';
import type { Engine } from '../engine.ts';
import { OutputDirSink } from '../sinks/output-dir.ts';
import type { JobResult } from '../dispatch/job.ts';
import { InvalidJobError, toWordmillError } from '../errors.ts';
import { assertReachable, connectionFor, createClient, redactUrl } from './connection.ts';
import { encodeFailure } from './failure.ts';
import { Heartbeat, workerId, workerKeyPrefix } from './heartbeat.ts';
import type { WorkerInfo } from './heartbeat.ts';
import { fromPayload } from './payload.ts';
import { resolveWorkerOptions } from './worker-options.ts';
import type { WorkerOptions, WorkerOptionsInput } from './worker-options.ts';

export interface RunningQueueWorker {
  readonly id: string;
  readonly options: WorkerOptions;
  readonly engine: Engine;
  info(): WorkerInfo;
  /** Stops taking jobs, finishes the active ones, then closes the pool and connections. Idempotent. */
  close(): Promise<void>;
}

/** `extras.id` names the worker (default `<host>:<pid>`; tests running two in one process need distinct ones). */
export async function startQueueWorker(input: WorkerOptionsInput, extras: { log?: Logger; id?: string } = {}): Promise<RunningQueueWorker> {
  const options = resolveWorkerOptions(input);
  const log = extras.log ?? pino({ level: 'silent' });
  await assertReachable(options.url);
  const id = extras.id ?? workerId();
  const concurrency = options.concurrency ?? options.threads;
  const engineOptions = resolveEngineOptions({
    threads: options.threads,
    concurrency,
    maxQueue: 0,
    outDir: options.out,
    // Thread ids repeat across processes: each worker process logs into its own folder.
    logDir: join(options.out, 'logs', id.replace(/[^A-Za-z0-9._-]/g, '-')),
    timeoutMs: options.timeoutMs,
    // BullMQ retries the whole job with backoff; retrying inside as well would multiply attempts.
    retries: 0,
    ...(options.chunkSize === undefined ? {} : { chunkSize: options.chunkSize }),
  });
  // This process runs the jobs: its own pool, its own result files.
  const engine = assembleEngine({ options: engineOptions, executor: createPoolExecutor, sinks: [new OutputDirSink(options.out)] });
  const counts = { active: 0, done: 0, failed: 0 };
  const startedAt = new Date().toISOString();
  const out = new OutputDirSink(resolve(options.out));
  const info = (): WorkerInfo => ({
    id, host: hostname(), pid: process.pid, threads: options.threads, concurrency, out: out.outDir,
    ...counts, startedAt, lastSeen: new Date().toISOString(),
  });

  async function processJob(job: BullJob): Promise<JobResult> {
    counts.active++;
    const attempt = job.attemptsMade + 1;
    try {
      const jobInput = fromPayload(job.data, options.textLimit);
      if (jobInput.id !== job.id) throw new InvalidJobError(`queued job ${job.id ?? '?'} carries the id "${jobInput.id}"`);
      const result = await engine.submit(jobInput);
      counts.done++;
      log.info({ jobId: job.id, source: result.source, bytes: result.bytes, durationMs: result.durationMs, attempt, outcome: 'done' }, 'job done');
      // The producer cannot know this worker's --out: the answer names the file written.
      return { ...result, writtenTo: out.pathFor(result) };
    } catch (error) {
      counts.failed++;
      const failure = toWordmillError(error);
      log.warn({ jobId: job.id, attempt, code: failure.code, retryable: failure.retryable, outcome: 'failed' }, failure.message);
      throw encodeFailure(failure);
    } finally {
      counts.active--;
      // After the decrement: a beat taken before it left `active` one too high until the next beat,
      // so `jobs status` showed jobs active on workers while the queue had none running.
      heartbeat.jobEnded(counts.active);
    }
  }

  const worker = new Worker(options.name, processJob, {
    connection: connectionFor(options.url),
    prefix: options.prefix,
    name: id,
    concurrency,
    lockDuration: options.lockDurationMs,
    stalledInterval: options.stalledIntervalMs,
    maxStalledCount: 1,
  });
  worker.on('error', (error) => log.error({ err: error }, 'queue worker error'));
  const client = createClient(options.url);
  client.on('error', () => {});
  const heartbeat = new Heartbeat(client, workerKeyPrefix(options.prefix, options.name), info, options.heartbeatMs);
  await worker.waitUntilReady();
  await heartbeat.start();
  log.info({ id, queue: options.name, redis: redactUrl(options.url), threads: options.threads, concurrency, out: options.out }, `wordmill worker ${id} consuming queue "${options.name}"`);

  let closing: Promise<void> | undefined;
  async function close(): Promise<void> {
    log.info({ active: counts.active }, 'worker stopping: finishing active jobs');
    await worker.close();
    await heartbeat.stop();
    await engine.close();
    client.disconnect();
    log.info({ done: counts.done, failed: counts.failed }, 'worker stopped');
  }
  return { id, options, engine, info, close: () => (closing ??= close()) };
}

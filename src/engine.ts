/**
 * The engine: validated options → admission queue → executor → sinks. Every
 * input (CLI, HTTP, MQTT, queue workers) talks to an Engine and nothing else.
 * It runs jobs through the executor its factory builds and never learns which
 * one: the composition above it (src/create-engine.ts) picks the local pool or
 * the Redis queue and the sinks that go with it.
 */
import { EventEmitter, setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { ResolvedEngineOptions } from './config.ts';
import { Admission } from './dispatch/admission.ts';
import type { Place } from './dispatch/admission.ts';
import type { Enqueued, EnqueueOptions, JobJournal, MapOutcome } from './dispatch/intake.ts';
import { isSmallJob, normalizeJob } from './dispatch/job.ts';
import type { Job, JobInput, JobResult } from './dispatch/job.ts';
import { NO_POOL_STATS } from './dispatch/executor.ts';
import type { ExecutorFactory, PoolStats } from './dispatch/executor.ts';
import { EngineClosedError, JobCancelledError, QueueFullError, toWordmillError } from './errors.ts';
import type { EngineEvents } from './events.ts';
import type { ResultSink } from './sinks/result-sink.ts';

export type { Enqueued, EnqueueOptions, JobJournal, MapOutcome };

export interface EngineStats {
  queued: number;
  running: number;
  done: number;
  failed: number;
  bytes: number;
  pool: PoolStats;
}

export interface Engine {
  readonly options: ResolvedEngineOptions;
  /** `pool`: jobs run on this process's threads; `queue`: on `wordmill worker` processes via Redis. */
  readonly mode: 'pool' | 'queue';
  readonly events: EventEmitter<EngineEvents>;
  /**
   * The one way in. Resolves once admission is decided: `accepted: true` with the
   * result's promise (and, with `durable`, the job in the journal), or `accepted:
   * false` with E_QUEUE_FULL (`whenFull: 'reject'` only). A job with the id of an
   * active one joins it. Rejects on invalid jobs, a closed engine, or an aborted wait.
   */
  enqueue(job: JobInput, options: EnqueueOptions): Promise<Enqueued>;
  /** `enqueue` with `whenFull: 'reject'`, straight to the result; rejects with E_QUEUE_FULL when full. */
  submit(job: JobInput): Promise<JobResult>;
  /** Runs a batch, waiting for queue room instead of failing; outcomes in input order. */
  map(jobs: Iterable<JobInput>): Promise<MapOutcome[]>;
  /** Cancels a queued or running job (or one waiting for room); false if no such job is active. */
  cancel(id: string): boolean;
  /** Everything, the pool's run-time histograms included (a few ms: for scrapes and status pages). */
  stats(): EngineStats;
  /** Jobs queued and running: cheap enough to ask for every message or request. */
  load(): { queued: number; running: number };
  /** Resolves once jobs can run (queue mode: Redis answered; sinks prepared); rejects with E_QUEUE_UNAVAILABLE otherwise. */
  ready(): Promise<void>;
  /** Takes no new jobs, lets admitted ones finish (or cancels them with `cancel: true`), then stops the threads. */
  close(options?: { cancel?: boolean }): Promise<void>;
}

/** What an engine is built from; `createEngine` (src/create-engine.ts) fills it from user options. */
export interface EngineParts {
  options: ResolvedEngineOptions;
  /** Builds the executor (the local pool, a queue producer, …) from `options`. */
  executor: ExecutorFactory;
  /** Every finished result is written to each of these before the job counts as done. */
  sinks: readonly ResultSink[];
  /** Where `durable` jobs are recorded before they are accepted (the service's; see docs/durability.md). */
  journal?: JobJournal;
}

interface ActiveJob {
  controller: AbortController;
  /** Settles when the job has a place (and is journaled); rejects if it never got one. */
  accepted: Promise<void>;
  result: Promise<JobResult>;
}

export function assembleEngine(parts: EngineParts): Engine {
  const { options: resolved, sinks, journal } = parts;
  const executor = parts.executor(resolved);
  const mode = executor.mode;
  const admission = new Admission(resolved.concurrency, resolved.maxQueue, resolved.smallJobsPerPlace);
  const events = new EventEmitter<EngineEvents>();
  const active = new Map<string, ActiveJob>();
  const totals = { done: 0, failed: 0, bytes: 0 };
  let closed = false;

  async function execute(job: Job, controller: AbortController, place: Place, started: number): Promise<JobResult> {
    try {
      await place.turn;
      events.emit('job:started', job);
      const result = await executor.run(job, {
        signal: controller.signal,
        abort: (reason) => controller.abort(reason),
        startedAt: started,
        onRetry: (error, attempt) => events.emit('job:retry', job, error, attempt),
      });
      // The place bounds computing, not the result's durable write: freed now, the next job runs
      // while this one's file waits for its group of syncs (which then holds more files per sync).
      place.leave();
      events.emit('job:computed', job, result);
      // Intermediate results of a corpus run (keywords terms, a merge of counts) are not outputs.
      if (job.corpus?.stage !== 'terms' && job.counts?.add === undefined) await Promise.all(sinks.map((sink) => sink.write(result)));
      totals.done++;
      totals.bytes += result.bytes;
      events.emit('job:done', job, result);
      return result;
    } catch (error) {
      const failure = toWordmillError(controller.signal.aborted ? (controller.signal.reason ?? error) : error);
      totals.failed++;
      events.emit('job:failed', job, failure);
      throw failure;
    } finally {
      place.leave();
      active.delete(job.id);
    }
  }

  /** Takes a place (now or once there is room), journals the job if asked, then runs it. */
  async function admit(job: Job, controller: AbortController, options: EnqueueOptions, started: number): Promise<{ result: Promise<JobResult> }> {
    const size = { small: isSmallJob(job) };
    // A job that finds room takes its place at once: the combined wait signal (AbortSignal.any,
    // ~7 µs and a weak reference for the GC, per MQTT message) is only built for a job that waits.
    const place = options.whenFull === 'reject' || (admission.canTakeNow(size) && options.signal?.aborted !== true)
      ? admission.tryTake(controller.signal, size)
      : await admission.take(controller.signal, options.signal === undefined ? controller.signal : AbortSignal.any([options.signal, controller.signal]), size);
    try {
      if (options.durable && journal) {
        await journal.record(job, options.fingerprint === undefined ? {} : { fingerprint: options.fingerprint });
      }
    } catch (error) {
      place.leave();
      throw error;
    }
    events.emit('job:queued', job);
    const result = execute(job, controller, place, started);
    // Callers get the promise through Enqueued; this keeps an ignored one from crashing the process.
    result.catch(() => {});
    return { result };
  }

  async function enqueue(input: JobInput, options: EnqueueOptions): Promise<Enqueued> {
    if (closed) throw new EngineClosedError();
    const job = normalizeJob(input, { task: resolved.defaultTask, options: resolved.defaultOptions });
    const existing = active.get(job.id);
    if (existing) {
      try {
        await existing.accepted;
      } catch (error) {
        if (error instanceof QueueFullError) return { id: job.id, accepted: false, error };
        throw error;
      }
      return { id: job.id, accepted: true, result: existing.result };
    }
    const controller = new AbortController();
    // A chunked job's ranges all listen on it; see run-job.ts.
    setMaxListeners(0, controller.signal);
    const admitted = admit(job, controller, options, performance.now());
    const entry: ActiveJob = { controller, accepted: admitted.then(() => {}), result: admitted.then((a) => a.result) };
    entry.accepted.catch(() => {});
    entry.result.catch(() => {});
    active.set(job.id, entry);
    try {
      return { id: job.id, accepted: true, result: (await admitted).result };
    } catch (error) {
      if (active.get(job.id) === entry) active.delete(job.id);
      if (error instanceof QueueFullError) return { id: job.id, accepted: false, error };
      throw error;
    }
  }

  return {
    options: resolved,
    mode,
    events,
    enqueue,
    async submit(job) {
      const enqueued = await enqueue(job, { whenFull: 'reject' });
      if (!enqueued.accepted) throw enqueued.error;
      return enqueued.result;
    },
    async map(jobs) {
      const inputs = [...jobs];
      const outcomes: MapOutcome[] = new Array<MapOutcome>(inputs.length);
      const settled: Array<Promise<void>> = [];
      // One job at a time, as room opens: starting them all at once left every one waiting for
      // room, and each freed slot woke them all (40,000 tiny jobs took 176 s, now ~3 s).
      for (const [at, job] of inputs.entries()) {
        let result: Promise<JobResult>;
        try {
          const enqueued = await enqueue(job, { whenFull: 'wait' });
          result = enqueued.accepted ? enqueued.result : Promise.reject(enqueued.error);
        } catch (error) {
          result = Promise.reject(error);
        }
        settled.push(result.then(
          (done) => void (outcomes[at] = { ok: true, result: done }),
          (error: unknown) => void (outcomes[at] = { ok: false, error: toWordmillError(error), job }),
        ));
      }
      await Promise.all(settled);
      return outcomes;
    },
    cancel(id) {
      const job = active.get(id);
      if (!job) return false;
      job.controller.abort(new JobCancelledError());
      return true;
    },
    load: () => ({ queued: admission.queued, running: admission.active }),
    stats: () => {
      const own = executor.stats();
      return {
        queued: admission.queued,
        running: admission.active,
        done: totals.done,
        failed: totals.failed,
        bytes: totals.bytes,
        pool: own.mode === 'pool' ? own.pool : NO_POOL_STATS,
      };
    },
    async ready() {
      await executor.ready();
      await Promise.all(sinks.map((sink) => sink.prepare?.()));
    },
    async close(closeOptions = {}) {
      closed = true;
      admission.refuseWaiters(new EngineClosedError());
      if (closeOptions.cancel) for (const job of active.values()) job.controller.abort(new JobCancelledError());
      await Promise.allSettled([...active.values()].map((job) => job.result));
      await executor.close();
      await Promise.all(sinks.map((sink) => sink.close?.()));
    },
  };
}

/**
 * The engine's execution step, behind one port: admission, events, sinks and
 * job records stay the same whether a job runs on this process's thread pool
 * or on a `wordmill worker` through a Redis queue. The engine gets a factory
 * (`ExecutorFactory`) and never learns which executor it holds: each one
 * enforces the job timeout where the job runs and reports its own figures.
 */
import type { ResolvedEngineOptions } from '../config.ts';
import type { PoolStats } from '../pool/thread-pool.ts';
import type { Job, JobResult } from './job.ts';

export interface ExecuteContext {
  /** Aborts when the job is cancelled (or timed out): stop its work. */
  signal: AbortSignal;
  /** Ends the job with `reason` (an executor's timeout): aborts `signal`, and the job fails with it. */
  abort(reason: Error): void;
  /** `performance.now()` when the engine took the job (durations include its wait). */
  startedAt: number;
  onRetry: (error: Error, attempt: number) => void;
}

/**
 * What an executor says about itself, for stats pages and metrics: the figures
 * of its own thread pool, or that the jobs run in other processes (a queue).
 */
export type ExecutorStats = { mode: 'pool'; pool: PoolStats } | { mode: 'queue' };

export interface Executor {
  /** Where the jobs run: this process's threads, or `wordmill worker` processes through a queue. */
  readonly mode: ExecutorStats['mode'];
  /** Resolves once jobs can be taken (queue: Redis answered); rejects with the reason otherwise. */
  ready(): Promise<void>;
  run(job: Job, ctx: ExecuteContext): Promise<JobResult>;
  /** A few ms for a pool (its histograms): for scrapes and status pages, not per job. */
  stats(): ExecutorStats;
  close(): Promise<void>;
}

/** Builds the engine's executor from its validated options (threads, chunk size, log folder, retries, timeout). */
export type ExecutorFactory = (options: ResolvedEngineOptions) => Executor;

export type { PoolStats };

/** `stats().pool` of an engine whose jobs run elsewhere: no threads here. */
export const NO_POOL_STATS: PoolStats = Object.freeze({
  threads: 0,
  queueSize: 0,
  completed: 0,
  utilization: 0,
  runTimeMs: { p50: 0, p99: 0, mean: 0 },
  waitTimeMs: { p50: 0, p99: 0, mean: 0 },
});

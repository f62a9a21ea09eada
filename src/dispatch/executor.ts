/**
 * The engine's execution step, behind one interface: admission, events,
 * sinks and job records stay the same whether a job runs on this process's
 * thread pool or on a `wordmill worker` through a Redis queue.
 */
import type { PoolStats } from '../pool/thread-pool.ts';
import type { QueueStatus } from '../queue/status.ts';
import type { Job, JobResult } from './job.ts';

export interface ExecuteContext {
  signal: AbortSignal;
  /** `performance.now()` when the engine took the job (durations include its wait). */
  startedAt: number;
  onRetry: (error: Error, attempt: number) => void;
}

export interface Executor {
  readonly kind: 'pool' | 'queue';
  /**
   * True when the per-job timeout is enforced where the job runs (the queue
   * worker) rather than by the engine that waits for it.
   */
  readonly enforcesTimeouts: boolean;
  /** Whether the engine should also write result files itself (false: the queue workers write them). */
  readonly writesOutputHere: boolean;
  /** Resolves once jobs can be taken (queue: Redis answered); rejects with the reason otherwise. */
  ready?(): Promise<void>;
  run(job: Job, ctx: ExecuteContext): Promise<JobResult>;
  poolStats(): PoolStats;
  /** Queue mode: counts per state and live workers. */
  status?(): Promise<QueueStatus>;
  close(): Promise<void>;
}

export const EMPTY_POOL_STATS: PoolStats = Object.freeze({
  threads: 0,
  queueSize: 0,
  completed: 0,
  utilization: 0,
  runTimeMs: { p50: 0, p99: 0, mean: 0 },
  waitTimeMs: { p50: 0, p99: 0, mean: 0 },
});

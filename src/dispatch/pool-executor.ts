/** The in-process executor: runs jobs on this process's Piscina pool (the default). */
import { performance } from 'node:perf_hooks';
import { JobTimeoutError } from '../errors.ts';
import { ThreadPool } from '../pool/thread-pool.ts';
import type { ExecuteContext, Executor, ExecutorFactory, ExecutorStats } from './executor.ts';
import type { Job, JobResult } from './job.ts';
import { recordedOptions } from './option-digest.ts';
import { runJob } from './run-job.ts';

export interface PoolExecutorOptions {
  threads: number;
  chunkSize: number;
  logDir: string | null;
  retries: number;
  /** Per job, from when it gets a place; 0: none. */
  timeoutMs: number;
}

export class PoolExecutor implements Executor {
  readonly mode = 'pool';
  private readonly pool: ThreadPool;

  constructor(private readonly options: PoolExecutorOptions) {
    this.pool = new ThreadPool({ threads: options.threads });
  }

  async ready(): Promise<void> {}

  async run(job: Job, ctx: ExecuteContext): Promise<JobResult> {
    const { timeoutMs } = this.options;
    const timer = timeoutMs > 0 ? setTimeout(() => ctx.abort(new JobTimeoutError(timeoutMs)), timeoutMs) : undefined;
    try {
      const outcome = await runJob(job, {
        pool: this.pool,
        chunkSize: this.options.chunkSize,
        logDir: this.options.logDir,
        retries: this.options.retries,
        signal: ctx.signal,
        onRetry: ctx.onRetry,
      });
      const { invalidUtf8, ...stats } = outcome.stats;
      // The task's fields come from the worker that ran job.task: the cast restores that pairing.
      return {
        id: job.id,
        task: job.task,
        source: job.source,
        name: job.name,
        ...stats,
        worker: outcome.workers.length === 1 && outcome.chunks === 1 ? outcome.workers[0]! : outcome.workers,
        durationMs: Math.round((performance.now() - ctx.startedAt) * 1000) / 1000,
        finishedAt: new Date().toISOString(),
        options: recordedOptions(job.options),
        chunks: outcome.chunks,
        invalidUtf8,
      } as JobResult;
    } finally {
      clearTimeout(timer);
    }
  }

  stats(): ExecutorStats {
    return { mode: 'pool', pool: this.pool.stats() };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

export const createPoolExecutor: ExecutorFactory = (options) => new PoolExecutor({
  threads: options.threads,
  chunkSize: options.chunkSize,
  logDir: options.logDir,
  retries: options.retries,
  timeoutMs: options.timeoutMs,
});

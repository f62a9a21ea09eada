/**
 * The queue executor (`--queue redis://…`): instead of the local pool, each
 * job is added to a BullMQ queue under its own id and this process waits for
 * a `wordmill worker` to finish it. Result files are written by the workers
 * (they share the output folder), and the job timeout is theirs to enforce;
 * results and error codes come back unchanged, so callers cannot tell the
 * modes apart.
 */
import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ExecuteContext, Executor, ExecutorStats } from '../dispatch/executor.ts';
import type { Job, JobResult } from '../dispatch/job.ts';
import { InvalidJobError, WordmillError } from '../errors.ts';
import { Completions } from './completions.ts';
import { assertReachable, connectionFor, createClient } from './connection.ts';
import type { QueueOptions } from './options.ts';
import { toPayload } from './payload.ts';
import { queueStatus } from './status.ts';
import type { QueueStatus } from './status.ts';

/** Finished jobs stay in Redis this long for `wordmill jobs status`; failed ones longer, for retries. */
export const KEEP_COMPLETED = Object.freeze({ age: 24 * 3600, count: 10_000 });
export const KEEP_FAILED = Object.freeze({ age: 7 * 24 * 3600, count: 100_000 });

export class QueueExecutor implements Executor {
  readonly queue: Queue;
  private readonly events: QueueEvents;
  private readonly completions: Completions;
  private readonly client: Redis;
  private readying: Promise<void> | undefined;

  constructor(readonly options: QueueOptions) {
    const connection = connectionFor(options.url);
    this.queue = new Queue(options.name, { connection, prefix: options.prefix });
    this.events = new QueueEvents(options.name, { connection, prefix: options.prefix });
    this.client = createClient(options.url);
    // Connection errors surface through assertReachable and failed calls; ioredis would also print them.
    this.queue.on('error', () => {});
    this.events.on('error', () => {});
    this.client.on('error', () => {});
    this.completions = new Completions(this.queue, this.events);
  }

  /** Fails fast with E_QUEUE_UNAVAILABLE when Redis does not answer. */
  ready(): Promise<void> {
    this.readying ??= (async () => {
      await assertReachable(this.options.url);
      await Promise.all([this.queue.waitUntilReady(), this.events.waitUntilReady()]);
    })();
    return this.readying;
  }

  async run(job: Job, ctx: ExecuteContext): Promise<JobResult> {
    // BullMQ refuses custom ids that look like integers (they would clash with its own counters).
    if (/^\d+$/.test(job.id)) throw new InvalidJobError(`job id "${job.id}": in queue mode an id needs at least one non-digit`);
    const payload = toPayload(job, this.options.textLimit);
    await this.ready();
    ctx.signal.throwIfAborted();
    const finished = this.completions.wait(job.id);
    let onAbort = (): void => {};
    const aborted = new Promise<never>((_, reject) => {
      onAbort = (): void => reject(ctx.signal.reason);
      ctx.signal.addEventListener('abort', onAbort, { once: true });
    });
    aborted.catch(() => {});
    try {
      await this.queue.add(job.task, payload, {
        jobId: job.id,
        attempts: this.options.maxRetries + 1,
        backoff: { type: 'exponential', delay: this.options.backoffMs },
        ...(job.priority === undefined ? {} : { priority: job.priority }),
        ...(job.delayMs === undefined ? {} : { delay: job.delayMs }),
        removeOnComplete: KEEP_COMPLETED,
        removeOnFail: KEEP_FAILED,
      });
      // If the id was already in the queue and finished, no event will come: look now.
      void this.completions.check(job.id).catch(() => {});
      const outcome = await Promise.race([finished, aborted]);
      if (!outcome.ok) throw outcome.error;
      return asResult(outcome.value, job.id);
    } catch (error) {
      // Awaited (after the add settled), so a cancelled or interrupted run leaves no job of its own waiting.
      // A job a worker already runs is locked and stays: it finishes there and its file is written.
      if (ctx.signal.aborted) await this.queue.remove(job.id).catch(() => 0);
      throw error;
    } finally {
      ctx.signal.removeEventListener('abort', onAbort);
      this.completions.forget(job.id);
    }
  }

  stats(): ExecutorStats {
    return { mode: 'queue' };
  }

  status(): Promise<QueueStatus> {
    return queueStatus(this.queue, this.client, this.options);
  }

  async close(): Promise<void> {
    this.completions.close();
    await Promise.allSettled([this.events.close(), this.queue.close()]);
    this.client.disconnect();
  }
}

function asResult(value: unknown, id: string): JobResult {
  if (typeof value !== 'object' || value === null || (value as { id?: unknown }).id !== id) {
    throw new WordmillError('E_TASK_FAILED', `the worker answered job ${id} with something that is not its result`);
  }
  return value as JobResult;
}

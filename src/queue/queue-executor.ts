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
import { JobAdder } from './job-adder.ts';
import { assertReachable, connectionFor, createClient } from './connection.ts';
import type { QueueOptions } from './options.ts';
import { toPayload } from './payload.ts';
import { queueStatus } from './status.ts';
import type { QueueStatus } from './status.ts';

/** Finished jobs stay in Redis this long for `wordmill jobs status`; failed ones longer, for retries. */
export const KEEP_COMPLETED = Object.freeze({ age: 24 * 3600, count: 10_000 });
export const KEEP_FAILED = Object.freeze({ age: 7 * 24 * 3600, count: 100_000 });

/** BullMQ's clients, made only once Redis has answered. */
interface Connected {
  queue: Queue;
  events: QueueEvents;
  completions: Completions;
  adder: JobAdder;
  client: Redis;
}

export class QueueExecutor implements Executor {
  readonly mode = 'queue';
  private connecting: Promise<Connected> | undefined;

  constructor(readonly options: QueueOptions) {}

  /** Fails fast with E_QUEUE_UNAVAILABLE when Redis does not answer. */
  async ready(): Promise<void> {
    await this.connect();
  }

  async run(job: Job, ctx: ExecuteContext): Promise<JobResult> {
    // BullMQ refuses custom ids that look like integers (they would clash with its own counters).
    if (/^\d+$/.test(job.id)) throw new InvalidJobError(`job id "${job.id}": in queue mode an id needs at least one non-digit`);
    const payload = toPayload(job, this.options.textLimit);
    const { queue, completions, adder } = await this.connect();
    ctx.signal.throwIfAborted();
    const finished = completions.wait(job.id);
    let onAbort = (): void => {};
    const aborted = new Promise<never>((_, reject) => {
      onAbort = (): void => reject(ctx.signal.reason);
      ctx.signal.addEventListener('abort', onAbort, { once: true });
    });
    aborted.catch(() => {});
    try {
      await adder.add(job.task, payload, {
        jobId: job.id,
        attempts: this.options.maxRetries + 1,
        backoff: { type: 'exponential', delay: this.options.backoffMs },
        ...(job.priority === undefined ? {} : { priority: job.priority }),
        ...(job.delayMs === undefined ? {} : { delay: job.delayMs }),
        removeOnComplete: KEEP_COMPLETED,
        removeOnFail: KEEP_FAILED,
      });
      // If the id was already in the queue and finished, no completion event comes: the `duplicated`
      // event makes Completions look it up (and its sweep covers a missed event).
      const outcome = await Promise.race([finished, aborted]);
      if (!outcome.ok) throw outcome.error;
      return asResult(outcome.value, job.id);
    } catch (error) {
      // Awaited (after the add settled), so a cancelled or interrupted run leaves no job of its own waiting.
      // A job a worker already runs is locked and stays: it finishes there and its file is written.
      if (ctx.signal.aborted) await queue.remove(job.id).catch(() => 0);
      throw error;
    } finally {
      ctx.signal.removeEventListener('abort', onAbort);
      completions.forget(job.id);
    }
  }

  stats(): ExecutorStats {
    return { mode: 'queue' };
  }

  async status(): Promise<QueueStatus> {
    const { queue, client } = await this.connect();
    return queueStatus(queue, client, this.options);
  }

  async close(): Promise<void> {
    const connected = await this.connecting?.catch(() => undefined);
    if (connected === undefined) return;
    connected.completions.close();
    await Promise.allSettled([connected.events.close(), connected.queue.close()]);
    connected.client.disconnect();
  }

  /**
   * Probes Redis before BullMQ opens a client: a Queue or QueueEvents made
   * while Redis is down reconnects forever, and its close() waits for a
   * connection that never comes (serve and process hung on a wrong URL).
   */
  private connect(): Promise<Connected> {
    this.connecting ??= (async () => {
      await assertReachable(this.options.url);
      const connection = connectionFor(this.options.url);
      const queue = new Queue(this.options.name, { connection, prefix: this.options.prefix });
      const events = new QueueEvents(this.options.name, { connection, prefix: this.options.prefix });
      const client = createClient(this.options.url);
      // Connection errors surface through assertReachable and failed calls; ioredis would also print them.
      queue.on('error', () => {});
      events.on('error', () => {});
      client.on('error', () => {});
      const completions = new Completions(queue, events);
      await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
      return { queue, events, completions, adder: new JobAdder(queue), client };
    })();
    return this.connecting;
  }
}

function asResult(value: unknown, id: string): JobResult {
  if (typeof value !== 'object' || value === null || (value as { id?: unknown }).id !== id) {
    throw new WordmillError('E_TASK_FAILED', `the worker answered job ${id} with something that is not its result`);
  }
  return value as JobResult;
}

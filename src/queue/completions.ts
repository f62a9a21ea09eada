/**
 * Waits for queued jobs to finish. One QueueEvents stream serves every
 * waiting job (no listener per job); a slow sweep reads the job hashes for
 * anything the stream may have missed (a reconnect, a job that had already
 * finished under the same id), so no waiter hangs forever.
 */
import { Job } from 'bullmq';
import type { Queue, QueueEvents } from 'bullmq';
import { WordmillError } from '../errors.ts';
import { decodeFailure } from './failure.ts';

export type Finished = { ok: true; value: unknown } | { ok: false; error: WordmillError };

interface Waiter {
  settle: (outcome: Finished) => void;
  since: number;
}

export class Completions {
  private readonly waiters = new Map<string, Waiter>();
  private readonly sweeper: NodeJS.Timeout;
  private sweeping = false;

  constructor(
    private readonly queue: Queue,
    events: QueueEvents,
    private readonly sweepMs = 5000,
  ) {
    events.on('completed', ({ jobId, returnvalue }) => this.settle(jobId, { ok: true, value: returnvalue }));
    events.on('failed', ({ jobId, failedReason }) => this.settle(jobId, { ok: false, error: decodeFailure(failedReason) }));
    // An add under an id the queue already holds: that job may have finished already, and then no
    // other event comes. Looking it up only then saves a round trip per job.
    events.on('duplicated', ({ jobId }) => void this.check(jobId).catch(() => {}));
    this.sweeper = setInterval(() => void this.sweep(), sweepMs);
    this.sweeper.unref();
  }

  get size(): number {
    return this.waiters.size;
  }

  /** Register before adding the job, so its completion cannot slip past. */
  wait(id: string): Promise<Finished> {
    return new Promise((resolve) => this.waiters.set(id, { settle: resolve, since: Date.now() }));
  }

  forget(id: string): void {
    this.waiters.delete(id);
  }

  /** Looks the job up now (after adding: the id may belong to a job that already finished). */
  async check(id: string): Promise<void> {
    const job = await Job.fromId(this.queue, id);
    if (job === undefined) {
      if (this.waiters.has(id)) this.settle(id, { ok: false, error: new WordmillError('E_TASK_FAILED', `job ${id} was removed from the queue`) });
      return;
    }
    if (job.finishedOn === undefined) return;
    if (job.failedReason !== undefined && job.failedReason !== '' && (await job.isFailed())) {
      this.settle(id, { ok: false, error: decodeFailure(job.failedReason) });
    } else if (await job.isCompleted()) {
      this.settle(id, { ok: true, value: job.returnvalue });
    }
  }

  close(): void {
    clearInterval(this.sweeper);
    const error = new WordmillError('E_ENGINE_CLOSED', 'stopped waiting for the queued job');
    for (const id of [...this.waiters.keys()]) this.settle(id, { ok: false, error });
  }

  private settle(id: string, outcome: Finished): void {
    const waiter = this.waiters.get(id);
    if (!waiter) return;
    this.waiters.delete(id);
    waiter.settle(outcome);
  }

  private async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      const due = Date.now() - this.sweepMs;
      for (const [id, waiter] of this.waiters) if (waiter.since < due) await this.check(id).catch(() => {});
    } finally {
      this.sweeping = false;
    }
  }
}

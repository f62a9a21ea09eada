/** `wordmill jobs retry ID`: puts a failed job back in the queue with a fresh set of attempts. */
import { Job } from 'bullmq';
import type { Queue } from 'bullmq';
import { JobNotRetryableError, NotFoundError } from '../errors.ts';

export async function retryFailedJob(queue: Queue, id: string): Promise<void> {
  const job = await Job.fromId(queue, id);
  if (job === undefined) throw new NotFoundError(`queued job ${id}`);
  const state = await job.getState();
  if (state !== 'failed') throw new JobNotRetryableError(id, state);
  await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
}

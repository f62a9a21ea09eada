/**
 * Hands jobs to the engine without ever being refused: while the engine's
 * queue is full we wait (and so stop reading from the broker) instead of
 * failing the message or buffering it.
 */
import type { Engine } from '../../engine.ts';
import type { JobInput, JobResult } from '../../dispatch/job.ts';

export interface Intake {
  /** The job's result, written to every engine sink. */
  done: Promise<JobResult>;
}

/**
 * Resolves once the engine has accepted `job` (queued it, and with `durable`
 * journaled it, or joined a running one with the same id); `undefined` if
 * stopped while waiting for room. A job the engine refuses (invalid) resolves
 * with a `done` that rejects, so it is reported like any failed job.
 */
export async function submitWhenRoom(
  engine: Engine,
  job: JobInput & { id: string },
  signal: AbortSignal,
  options: { durable?: boolean } = {},
): Promise<Intake | undefined> {
  try {
    const enqueued = await engine.enqueue(job, { whenFull: 'wait', signal, durable: options.durable ?? false });
    return { done: enqueued.accepted ? enqueued.result : Promise.reject(enqueued.error) };
  } catch (error) {
    if (signal.aborted) return undefined;
    return { done: Promise.reject(error) };
  }
}

/**
 * Submitting over HTTP: idempotency (a retried request returns the first
 * job), admission (the engine's bounded queue answers E_QUEUE_FULL at once),
 * and the optional wait for the result.
 */
import { IdempotencyMismatchError, WordmillError } from '../../errors.ts';
import { newJobId } from '../../ids.ts';
import { isFinished } from '../../sinks/job-store.ts';
import type { JobRecord } from '../../sinks/job-store.ts';
import type { HttpContext } from './context.ts';
import { withExtras } from './problem.ts';
import type { Submission } from './submission.ts';

export interface SubmitOutcome {
  record: JobRecord;
  /** True when an earlier job was returned instead of starting a new one. */
  replayed: boolean;
}

export async function submitJob(ctx: HttpContext, submission: Submission, key: string | undefined): Promise<SubmitOutcome> {
  const earlier = findEarlier(ctx, submission, key);
  if (earlier) return { record: earlier, replayed: true };

  const id = submission.id ?? newJobId();
  if (key !== undefined) ctx.store.bindKey(key, id, submission.fingerprint);
  const running = ctx.engine.submit({
    id,
    ...(submission.task === undefined ? {} : { task: submission.task }),
    input: submission.input,
    options: submission.options,
    source: 'http',
    name: 'http',
  });
  // Outcomes reach clients through the job store (fed by engine events), not this promise.
  running.catch(() => {});
  // The engine records an admitted job synchronously (job:queued); no record means it was refused.
  const record = ctx.store.get(id);
  if (record) return { record, replayed: false };
  if (key !== undefined) ctx.store.releaseKey(key);
  await running;
  throw new Error(`job ${id} was neither admitted nor refused`);
}

function findEarlier(ctx: HttpContext, submission: Submission, key: string | undefined): JobRecord | undefined {
  if (key !== undefined) {
    const bound = ctx.store.lookupKey(key);
    if (bound && bound.fingerprint !== submission.fingerprint) throw new IdempotencyMismatchError(key);
    if (bound) return ctx.store.get(bound.id);
  }
  return submission.id === undefined ? undefined : ctx.store.get(submission.id);
}

/** Waits for the job to finish; a failed job becomes its error (with the job id), a slow one stays as it is. */
export async function awaitOutcome(ctx: HttpContext, record: JobRecord, timeoutMs: number, signal: AbortSignal): Promise<JobRecord> {
  const settled = isFinished(record.status) ? record : await ctx.store.whenSettled(record.id, timeoutMs, signal);
  const latest = settled ?? ctx.store.get(record.id) ?? record;
  if ((latest.status === 'failed' || latest.status === 'cancelled') && latest.error) {
    throw withExtras(new WordmillError(latest.error.code, latest.error.message), { jobId: latest.id });
  }
  return latest;
}

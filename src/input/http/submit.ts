/**
 * Submitting over HTTP: idempotency (a retried request returns the first
 * job; the same key or job id with a different request is refused), admission
 * (the engine's bounded queue answers E_QUEUE_FULL at once), durability (an
 * accepted job is in the journal before we answer), and the optional wait for
 * the result.
 */
import { IdempotencyMismatchError, WordmillError } from '../../errors.ts';
import { newJobId } from '../../ids.ts';
import { isFinished } from '../../jobs/job-index.ts';
import type { JobRecord } from '../../jobs/job-index.ts';
import type { HttpContext } from './context.ts';
import { withExtras } from './problem.ts';
import type { Submission } from './submission.ts';

export interface SubmitOutcome {
  record: JobRecord;
  /** True when an earlier job was returned instead of starting a new one. */
  replayed: boolean;
}

export async function submitJob(ctx: HttpContext, submission: Submission, key: string | undefined): Promise<SubmitOutcome> {
  const bound = key === undefined ? undefined : ctx.idempotency.lookupKey(key);
  if (bound && bound.fingerprint !== submission.fingerprint) throw new IdempotencyMismatchError(key!);
  // A key still being accepted has no record yet: its retry joins the same id (the engine joins it).
  const id = bound?.id ?? submission.id;
  if (id !== undefined) {
    const earlier = await findEarlier(ctx, id, submission, bound === undefined);
    if (earlier) return { record: earlier, replayed: true };
  }
  const jobId = id ?? newJobId();
  if (key !== undefined && bound === undefined) ctx.idempotency.bindKey(key, jobId, submission.fingerprint);
  ctx.idempotency.bindFingerprint(jobId, submission.fingerprint);
  const release = (): void => {
    if (key !== undefined && bound === undefined) ctx.idempotency.releaseKey(key);
    ctx.idempotency.releaseFingerprint(jobId);
  };
  let enqueued;
  try {
    enqueued = await ctx.engine.enqueue({
      id: jobId,
      ...(submission.task === undefined ? {} : { task: submission.task }),
      input: submission.input,
      options: submission.options,
      source: 'http',
      name: 'http',
    }, { whenFull: 'reject', durable: true, fingerprint: submission.fingerprint });
  } catch (error) {
    release();
    throw error;
  }
  if (!enqueued.accepted) {
    release();
    throw enqueued.error;
  }
  // Outcomes reach clients through the job store (fed by engine events), not this promise.
  const record = ctx.store.get(jobId);
  if (!record) throw new Error(`job ${jobId} was accepted but has no record`);
  // The answer to a new submission is what happened to it: queued. It may have started in the
  // meantime (the journal's sync lets other work run); GET shows that.
  return { record: isFinished(record.status) ? record : { ...record, status: 'queued' }, replayed: false };
}

/**
 * The job already known under `id`: in the job store, or (after a restart, its record gone) its
 * result file. `checkId`: the id came from the request body, so a different request under it is
 * refused as a key would be.
 */
async function findEarlier(ctx: HttpContext, id: string, submission: Submission, checkId: boolean): Promise<JobRecord | undefined> {
  const record = ctx.store.get(id);
  if (record) {
    const fingerprint = ctx.idempotency.fingerprintOf(id);
    if (checkId && fingerprint !== undefined && fingerprint !== submission.fingerprint) throw new IdempotencyMismatchError(id, 'id');
    return record;
  }
  return ctx.results?.find(id);
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

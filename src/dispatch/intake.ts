/**
 * The engine's one way in: `enqueue` decides admission before it resolves, so
 * an input adapter knows whether its job got a place (and, with a journal,
 * that the job is on disk) before it answers a client or acks a message.
 */
import type { QueueFullError, WordmillError } from '../errors.ts';
import type { Job, JobInput, JobResult } from './job.ts';

export interface EnqueueOptions {
  /** `reject`: answer E_QUEUE_FULL at once when the queue is full; `wait`: wait (FIFO) for room. */
  whenFull: 'wait' | 'reject';
  /** Aborts a `wait` for room: enqueue then rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Record the job in the engine's journal before accepting it, so that it
   * runs again after a crash. Without a journal (no `--out`, queue mode, a
   * library engine) this is a no-op.
   */
  durable?: boolean;
  /** Kept with a durable job: what was asked, for idempotency checks after a restart. */
  fingerprint?: string;
}

export type Enqueued =
  | { id: string; accepted: true; result: Promise<JobResult> }
  | { id: string; accepted: false; error: QueueFullError };

/** One job of a batch (`engine.map`): its result, or its error and the input that failed. */
export type MapOutcome = { ok: true; result: JobResult } | { ok: false; error: WordmillError; job: JobInput };

/** Where durable jobs are written before they are accepted (see docs/durability.md). */
export interface JobJournal {
  /** Resolves once `job` is on disk (fsynced). */
  record(job: Job, extra: { fingerprint?: string }): Promise<void>;
}

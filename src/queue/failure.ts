/**
 * How a failure crosses Redis. BullMQ keeps only an error's message
 * (`failedReason`), so the worker puts `{code, message}` there as JSON and
 * the producer decodes it back into the same WordmillError code the local
 * pool would have given; nothing is inferred from free text. Non-retryable
 * failures travel as BullMQ's UnrecoverableError, which skips the retries.
 */
import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import { WordmillError, toWordmillError } from '../errors.ts';
import type { ErrorCode } from '../errors.ts';

const wireSchema = z.object({ code: z.string().regex(/^E_[A-Z_]+$/), message: z.string(), retryable: z.boolean().optional() });

export function encodeFailure(error: unknown): Error {
  const failure = toWordmillError(error);
  const reason = JSON.stringify({ code: failure.code, message: failure.message, retryable: failure.retryable });
  return failure.retryable ? new Error(reason) : new UnrecoverableError(reason);
}

/** A `failedReason` from Redis; one not written by a wordmill worker (stalled too often, …) keeps its text. */
export function decodeFailure(reason: string | undefined): WordmillError {
  let value: unknown;
  try {
    value = JSON.parse(reason ?? '');
  } catch {
    value = undefined;
  }
  const parsed = wireSchema.safeParse(value);
  if (parsed.success) {
    return new WordmillError(parsed.data.code as ErrorCode, parsed.data.message, { retryable: parsed.data.retryable ?? false });
  }
  return new WordmillError('E_TASK_FAILED', `the queue failed the job: ${reason ?? 'no reason given'}`);
}

/**
 * Errors as RFC 9457 `application/problem+json`. The status comes from the one
 * code→status table in errors.ts; clients branch on `code`, never on text.
 */
import { STATUS_CODES } from 'node:http';
import { ERROR_STATUS, toWordmillError } from '../../errors.ts';
import type { WordmillError } from '../../errors.ts';

export const PROBLEM_TYPE = 'application/problem+json';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  [extension: string]: unknown;
}

const extrasOf = new WeakMap<WordmillError, Record<string, unknown>>();

/** Attaches extension members (e.g. the id of a failed job) that travel with a thrown error to the error handler. */
export function withExtras<E extends WordmillError>(error: E, extras: Record<string, unknown>): E {
  extrasOf.set(error, extras);
  return error;
}

export function problemBody(error: WordmillError, instance?: string): ProblemBody {
  const status = ERROR_STATUS[error.code];
  const extras = extrasOf.get(error) ?? {};
  return {
    type: `urn:wordmill:error:${error.code}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail: error.message,
    code: error.code,
    ...(instance === undefined ? {} : { instance }),
    ...extras,
  };
}

/** A problem response; `retryAfterSeconds` adds `Retry-After` (429 and 503 answers). */
export function problemResponse(cause: unknown, options: { instance?: string; retryAfterSeconds?: number } = {}): Response {
  const error = toWordmillError(cause);
  const body = problemBody(error, options.instance);
  const headers = new Headers({ 'content-type': PROBLEM_TYPE });
  if (options.retryAfterSeconds !== undefined) headers.set('retry-after', String(options.retryAfterSeconds));
  if (error.code === 'E_UNAUTHORIZED') headers.set('www-authenticate', 'Bearer realm="wordmill"');
  return new Response(JSON.stringify(body), { status: body.status, headers });
}

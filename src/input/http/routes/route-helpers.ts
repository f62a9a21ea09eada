import type { z } from '@hono/zod-openapi';
import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import type { JobResult } from '../../../dispatch/job.ts';
import type { WordmillError } from '../../../errors.ts';
import { resultJson } from '../../../sinks/result-json.ts';

/** A JSON `responses` entry. */
export const json = <S>(schema: S, description: string) => ({ description, content: { 'application/json': { schema } } });

/**
 * Route security metadata. Every route states which it is, so generated
 * clients send the token where the service asks for it; the auth middleware
 * (auth.ts) decides the same from its list of open paths, and the OpenAPI
 * test checks the two agree. The scheme is declared whether or not this
 * instance runs with a token, so one document serves every deployment.
 */
export const BEARER: Array<Record<string, string[]>> = [{ bearer: [] }];
export const OPEN: Array<Record<string, string[]>> = [];

/**
 * A validation hook that throws the route's own error for bad input, so the
 * app's error handler renders it as problem+json like every other failure.
 */
export function invalid(toError: (error: z.ZodError) => WordmillError) {
  return (result: { success: true } | { success: false; error: z.ZodError }): undefined => {
    if (!result.success) throw toError(result.error);
    return undefined;
  };
}

/**
 * A `200` with a finished result: the text its result file holds, serialized once (result-json.ts).
 * Typed as what `c.json(result, 200)` returns, which it is, byte for byte.
 */
export function resultResponse(c: Context, result: JobResult): Response & TypedResponse<JSONParsed<JobResult>, 200, 'json'> {
  const response = c.body(resultJson(result), 200, { 'content-type': 'application/json' });
  return response as unknown as Response & TypedResponse<JSONParsed<JobResult>, 200, 'json'>;
}

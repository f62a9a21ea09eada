import type { z } from '@hono/zod-openapi';
import type { WordmillError } from '../../../errors.ts';

/** A JSON `responses` entry. */
export const json = <S>(schema: S, description: string) => ({ description, content: { 'application/json': { schema } } });

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

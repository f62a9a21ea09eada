/**
 * zod issues as one readable message that names the option and shows the bad
 * value: the form every boundary (config, CLI, HTTP, MQTT, queue) reports.
 */
import type { z } from 'zod';
import { InvalidOptionsError } from './errors.ts';

/** Validates with `schema`, turning zod issues into one readable InvalidOptionsError. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throw new InvalidOptionsError(formatIssues(result.error, what));
}

export function formatIssues(error: z.ZodError, what: string): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.join('.');
      const got = 'input' in issue && issue.input !== undefined ? ` (got ${JSON.stringify(issue.input)})` : '';
      return `${what}${path ? ` "${path}"` : ''}: ${issue.message}${got}`;
    })
    .join('; ');
}

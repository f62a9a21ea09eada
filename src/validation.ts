/**
 * zod issues as one readable message that names the option and shows the bad
 * value: the form every boundary (config, CLI, HTTP, MQTT, queue) reports.
 */
import type { z } from 'zod';
import { InvalidOptionsError } from './errors.ts';
import { clip, excerpt, EXCERPT_CHARS } from './excerpt.ts';

/**
 * Validates with `schema`, turning zod issues into one readable InvalidOptionsError. Without
 * zod's compiled parser (`jitless`): options are parsed once at a boundary, and compiling a parser
 * for a single parse cost more than the parse (~3 ms of a `process` re-run for the engine's options).
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true, jitless: true });
  if (result.success) return result.data;
  throw new InvalidOptionsError(formatIssues(result.error, what));
}

/** Issues listed in one message; a value with 100,000 bad elements gets a count of the rest, not 100,000 lines. */
const MAX_ISSUES_SHOWN = 5;

/**
 * One message for a set of zod issues: what was wrong, where, and a short
 * excerpt of the value given (never the whole value: it may be a megabyte).
 */
export function formatIssues(error: z.ZodError, what: string): string {
  const issues = error.issues.flatMap((issue) => unionBranch(issue));
  const shown = issues.slice(0, MAX_ISSUES_SHOWN).map((issue) => {
    const path = issue.path.map(String).join('.');
    const got = 'input' in issue && issue.input !== undefined ? ` (got ${excerpt(issue.input)})` : '';
    // zod's own messages may quote the input too (an unknown key): they are cut as well.
    return `${what}${path ? ` "${clip(path)}"` : ''}: ${clip(issue.message, 2 * EXCERPT_CHARS)}${got}`;
  });
  const more = issues.length - shown.length;
  return more > 0 ? `${shown.join('; ')}; and ${more} more` : shown.join('; ');
}

type Issue = z.core.$ZodIssue;

/**
 * A value no branch of a union accepts: zod says only "Invalid input". The
 * branch that got furthest into the value says why (a stopword list with too
 * many words, not "expected one of none|en"); when none got in, each
 * branch's expectation is given.
 */
function unionBranch(issue: Issue): Issue[] {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
  const depth = (branch: Issue[]): number => Math.max(0, ...branch.map((i) => i.path.length));
  const deepest = issue.errors.reduce((best, branch) => (depth(branch) > depth(best) ? branch : best));
  const within = (i: Issue): Issue => ({ ...i, path: [...issue.path, ...i.path] });
  if (depth(deepest) > 0) return deepest.flatMap((i) => unionBranch(within(i)));
  const expected = issue.errors.flatMap((branch) => branch.map((i) => i.message)).join(', or ');
  return [{ ...issue, message: expected }];
}

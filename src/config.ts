/**
 * Options at the boundary: frozen defaults, one zod schema each, and messages
 * that name the option and show the bad value. Everything below this file
 * receives filled, valid options and never reads `process.env`.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { InvalidOptionsError } from './errors.ts';
import { clip, excerpt, EXCERPT_CHARS } from './excerpt.ts';
import { TASK_NAMES } from './protocol.ts';
import type { TaskName, TaskOptionBag, WordcountOptions } from './protocol.ts';
import { languageField, nField, sentencesField, stemField, stopwordSpecSchema, topField } from './tasks/option-fields.ts';

export { stopwordSpecSchema };

export const DEFAULT_TASK_OPTIONS = Object.freeze({ top: 20, stopwords: 'en' } satisfies WordcountOptions);

export const ENGINE_DEFAULTS = Object.freeze({
  threads: availableParallelism(),
  maxQueue: 1000,
  // Per chunk the pool pays ~3.5 ms (a partial table, its keys, one merge step): at 16 MiB that is
  // ~5% of the count on English, and 256 MB ran 5–20% faster than with 8 MiB (bench/RESULTS.md).
  chunkSize: 16 * 1024 * 1024,
  outDir: 'output' as string | null,
  timeoutMs: 10 * 60_000,
  retries: 2,
  task: 'wordcount' as TaskName,
});

export const MIN_CHUNK_SIZE = 64 * 1024;

const sizeSchema = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const bytes = typeof value === 'number' ? value : parseByteSize(value);
  if (bytes === undefined || !Number.isSafeInteger(bytes)) {
    ctx.addIssue({ code: 'custom', message: `expected a size like 8MiB or 65536, got ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return bytes;
});

/**
 * Every option of every task, each optional: what inputs (HTTP, MQTT, queue
 * payloads, engine defaults) accept before the task's own schema
 * (src/tasks/registry.ts) picks, fills and checks its options.
 */
export const taskOptionsSchema = z
  .object({
    top: topField.optional(),
    stopwords: stopwordSpecSchema.optional(),
    stem: stemField.optional(),
    n: nField.optional(),
    language: languageField.optional(),
    sentences: sentencesField.optional(),
  })
  .strict();

export const taskNameSchema = z.enum(TASK_NAMES);

export const engineOptionsSchema = z
  .object({
    threads: z.number().int().min(1).max(1024).default(ENGINE_DEFAULTS.threads),
    maxQueue: z.number().int().min(0).max(1_000_000).default(ENGINE_DEFAULTS.maxQueue),
    /** Jobs running at once; more than the thread count keeps threads fed between jobs. */
    concurrency: z.number().int().min(1).max(100_000).optional(),
    chunkSize: sizeSchema.pipe(z.number().int().min(MIN_CHUNK_SIZE)).default(ENGINE_DEFAULTS.chunkSize),
    outDir: z.string().min(1).nullable().default(ENGINE_DEFAULTS.outDir),
    logDir: z.string().min(1).nullable().optional(),
    timeoutMs: z.number().int().min(0).default(ENGINE_DEFAULTS.timeoutMs),
    retries: z.number().int().min(0).max(20).default(ENGINE_DEFAULTS.retries),
    defaultTask: taskNameSchema.default(ENGINE_DEFAULTS.task),
    defaultOptions: taskOptionsSchema.default({}),
  })
  .strict();

export type EngineOptions = z.input<typeof engineOptionsSchema>;

export interface ResolvedEngineOptions {
  threads: number;
  maxQueue: number;
  concurrency: number;
  chunkSize: number;
  outDir: string | null;
  logDir: string | null;
  timeoutMs: number;
  retries: number;
  defaultTask: TaskName;
  defaultOptions: TaskOptionBag;
}

export function resolveEngineOptions(options: EngineOptions = {}): ResolvedEngineOptions {
  const o = parseOrThrow(engineOptionsSchema, options, 'engine option');
  const logDir = o.logDir === undefined ? (o.outDir === null ? null : join(o.outDir, 'logs')) : o.logDir;
  return { ...o, concurrency: o.concurrency ?? o.threads * 2, logDir };
}

/** Validates with `schema`, turning zod issues into one readable InvalidOptionsError. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
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

const SIZE_UNITS: Readonly<Record<string, number>> = {
  '': 1, b: 1, k: 1024, kb: 1000, kib: 1024, m: 1024 ** 2, mb: 1000 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1000 ** 3, gib: 1024 ** 3,
};

/** `"4MiB"` → 4194304; undefined when it is not a size. */
export function parseByteSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = SIZE_UNITS[match[2]!.toLowerCase()];
  if (unit === undefined) return undefined;
  return Math.round(Number(match[1]) * unit);
}

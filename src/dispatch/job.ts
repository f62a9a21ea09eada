/**
 * What a job is, as callers give it and as the engine runs it. `normalizeJob`
 * is the engine's boundary: after it, a job has an id, a known task and
 * complete, valid options.
 */
import { z } from 'zod';
import { formatIssues } from '../validation.ts';
import { taskNameSchema } from '../tasks/options.ts';
import { InvalidJobError, UnknownTaskError } from '../errors.ts';
import { isPlainObject, isText } from '../plain-values.ts';
import { JOB_ID_PATTERN, newJobId } from '../ids.ts';
import { SMALL_TASK_BYTES, TASK_NAMES } from '../protocol.ts';
import type { KeywordsCorpus, TaskName, TaskOptionBag, TaskOptions, TaskOptionsByName, TaskStatsByName } from '../protocol.ts';
import { parseTaskOptions } from '../tasks/registry.ts';
import type { RecordedOptions } from './option-digest.ts';
import { packedStem } from './packed-input.ts';

/**
 * A corpus run's word counts on disk (src/protocol.ts `CountsFileHeader`):
 * `keep` writes the job's counts to that file; `add` makes the job a merge of
 * those counts files (its input is not read) whose result is the corpus's,
 * an intermediate that no sink writes; `letters` (with `add`) has it also
 * report the letters of every word of the sum (the stats corpus's average
 * word length).
 */
export interface KeptCounts {
  keep?: string;
  add?: string[];
  letters?: true;
}

/**
 * `member`: a member of the zip archive at `path` (docs/packed-inputs.md). `stream`: bytes still
 * arriving (an HTTP upload past the body limit), counted as they come (stream-job.ts); such a job
 * runs on the local pool only and is never journaled (it cannot be read twice).
 */
export type JobInputSource = { text: string } | { path: string; member?: string } | { bytes: Uint8Array } | { stream: AsyncIterable<Uint8Array> };

const isAsyncIterable = (value: unknown): value is AsyncIterable<Uint8Array> =>
  typeof value === 'object' && value !== null && typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';

export interface JobInput {
  id?: string;
  task?: string;
  input: JobInputSource;
  /** Options of the job's task (validated by the task's own schema: src/tasks/registry.ts). */
  options?: TaskOptionBag;
  /** `keywords` over a corpus only (set by the corpus run, not by callers of the API). */
  corpus?: KeywordsCorpus;
  /** wordcount, stats and ngrams only (set by the corpus run, not by callers of the API): see `KeptCounts`. */
  counts?: KeptCounts;
  /** Where the job came from: a path relative to the corpus folder, `http`, `mqtt:<topic>`. */
  source?: string;
  /** Stem of the output file name; defaults to the input file's stem (docs/packed-inputs.md for packed files), else `text`. */
  name?: string;
  /** Queue mode only: 1 (first) … 2097151; jobs without one go before any with one (BullMQ). */
  priority?: number;
  /** Queue mode only: start no sooner than this many ms after submit. */
  delayMs?: number;
}

export interface Job {
  id: string;
  task: TaskName;
  input: JobInputSource;
  options: TaskOptions;
  corpus?: KeywordsCorpus;
  counts?: KeptCounts;
  source: string;
  name: string;
  priority?: number;
  delayMs?: number;
}

/**
 * A job the pool hands to a thread together with others (one count of at most `SMALL_TASK_BYTES`
 * in the message): with the default concurrency it takes a share of a place (see Admission).
 */
export function isSmallJob(job: Job): boolean {
  if (job.corpus !== undefined || job.counts !== undefined) return false;
  const input = job.input;
  if ('bytes' in input) return input.bytes.byteLength <= SMALL_TASK_BYTES;
  // UTF-8 takes 1 to 3 bytes per UTF-16 unit: only a text near the limit is measured.
  if ('text' in input) {
    const units = input.text.length;
    return units <= SMALL_TASK_BYTES && (units * 3 <= SMALL_TASK_BYTES || Buffer.byteLength(input.text) <= SMALL_TASK_BYTES);
  }
  return false;
}

/** What every task's result has, whatever the task. */
export interface JobResultBase {
  id: string;
  task: TaskName;
  source: string;
  /** Stem of the output file name. */
  name: string;
  bytes: number;
  /** Words by the word rules (docs/word-rules.md), whatever the task. */
  totalWords: number;
  /** Thread id that produced it, or the ids of every thread for a chunked input. */
  worker: number | number[];
  durationMs: number;
  finishedAt: string;
  /** The job's options, an inline stopword list as its digest (option-digest.ts). */
  options: RecordedOptions<TaskOptions>;
  chunks: number;
  invalidUtf8: boolean;
  /** Queue mode: the absolute path of the result file, as the `wordmill worker` that wrote it reports it. */
  writtenTo?: string;
}

/**
 * The finished result: the shape of output files, HTTP answers and MQTT
 * replies. The common fields plus the task's own at the top level (for
 * wordcount `totalWords`, `uniqueWords`, `top`, as docs/word-rules.md fixes them),
 * discriminated by `task`.
 */
export type JobResult = {
  [K in TaskName]: JobResultBase & { task: K; options: RecordedOptions<TaskOptionsByName[K]> } & Omit<TaskStatsByName[K], 'bytes' | 'invalidUtf8'> &
    // wordcount's fields a task lacks read as undefined without narrowing (`result.top` on any result).
    Partial<Record<Exclude<'top' | 'uniqueWords', keyof TaskStatsByName[K]>, never>>;
}[TaskName];

/** Tasks that keep counts files for a corpus result (docs/incremental.md). */
export const COUNTS_TASKS: ReadonlySet<string> = new Set(['wordcount', 'stats', 'ngrams']);

const inputSchema = z.union([
  z.object({ text: z.string() }).strict(),
  z.object({ path: z.string().min(1), member: z.string().min(1).optional() }).strict(),
  z.object({ bytes: z.instanceof(Uint8Array) }).strict(),
  z.object({ stream: z.custom<AsyncIterable<Uint8Array>>(isAsyncIterable, 'expected an async iterable of bytes') }).strict(),
]);

/** BullMQ's largest priority (2^21 - 1): a larger one is refused when the job is added. */
export const MAX_PRIORITY = 2_097_151;

const jobSchema = z
  .object({
    id: z.string().regex(JOB_ID_PATTERN, 'use 1-128 letters, digits, ".", "_" or "-"').optional(),
    task: z.string().optional(),
    input: inputSchema,
    options: z.record(z.string(), z.unknown()).optional(),
    source: z.string().min(1).max(1024).optional(),
    name: z.string().min(1).max(200).optional(),
    corpus: z.union([
      z.object({ stage: z.literal('terms') }).strict(),
      z.object({
        stage: z.literal('score'),
        documents: z.number().int().min(1),
        // Built by the corpus run (keywords-corpus.ts), not by callers: checked for its shape only, in O(1) per job.
        df: z.object({ words: z.instanceof(Uint8Array), counts: z.instanceof(Uint32Array) }).strict(),
      }).strict(),
    ]).optional(),
    counts: z.object({ keep: z.string().min(1).optional(), add: z.array(z.string().min(1)).optional(), letters: z.literal(true).optional() }).strict().optional(),
    priority: z.number().int().min(1).max(MAX_PRIORITY).optional(),
    delayMs: z.number().int().min(0).max(365 * 86_400_000).optional(),
  })
  .strict();

export function normalizeJob(
  job: JobInput,
  defaults: { task: TaskName; options: TaskOptionBag },
): Job {
  // A plain job is what the schema would make of it (isPlainJob).
  const j = isPlainJob(job) ? (job as ParsedJob) : parseJob(job);
  const task = j.task ?? defaults.task;
  if (!taskNameSchema.safeParse(task).success) throw new UnknownTaskError(task, TASK_NAMES);
  const options = isEmpty(j.options) ? defaultOptions(task as TaskName, defaults.options) : parseTaskOptions(task as TaskName, defaults.options, j.options);
  if (j.corpus !== undefined && task !== 'keywords') throw new InvalidJobError(`job: "corpus" is for the keywords task, not ${task}`);
  if (j.counts !== undefined && !COUNTS_TASKS.has(task)) throw new InvalidJobError(`job: "counts" is for the wordcount, stats and ngrams tasks, not ${task}`);
  const path = 'path' in j.input ? j.input.path : undefined;
  return {
    id: j.id ?? newJobId(),
    task: task as TaskName,
    input: j.input,
    options,
    ...(j.corpus === undefined ? {} : { corpus: j.corpus }),
    ...(j.counts === undefined ? {} : { counts: keptCounts(j.counts) }),
    source: j.source ?? path ?? 'text',
    name: safeStem(j.name ?? (path === undefined ? 'text' : packedStem(path, 'member' in j.input ? j.input.member : undefined))),
    ...(j.priority === undefined ? {} : { priority: j.priority }),
    ...(j.delayMs === undefined ? {} : { delayMs: j.delayMs }),
  };
}

type ParsedJob = z.output<typeof jobSchema>;

function parseJob(job: JobInput): ParsedJob {
  const parsed = jobSchema.safeParse(job);
  if (!parsed.success) throw new InvalidJobError(formatIssues(parsed.error, 'job'));
  return parsed.data;
}

/** The fields of the jobs the HTTP and MQTT inputs make (with a text or bytes input) and `process` makes of files. */
const PLAIN_FIELDS: ReadonlySet<string> = new Set(['id', 'task', 'input', 'options', 'source', 'name', 'counts']);

/**
 * A job the schema surely accepts as it is, checked by hand: the plain ones every HTTP request and
 * MQTT message makes (text or bytes, the common fields, all valid), and `process`'s jobs (a file,
 * or its counts kept or added up). The schema (a union of four input kinds, a dozen fields) cost
 * ~8 µs a job on the main thread, and its first parse ~4 ms (compiling its parser), which a
 * `process` re-run paid before its first job; anything else still goes through it, so every
 * refusal reads as before.
 */
function isPlainJob(job: JobInput): boolean {
  if (typeof job !== 'object' || job === null) return false;
  for (const key of Object.keys(job)) if (!PLAIN_FIELDS.has(key)) return false;
  const { id, task, input, options, source, name, counts } = job;
  if (id !== undefined && !(typeof id === 'string' && JOB_ID_PATTERN.test(id))) return false;
  if (task !== undefined && typeof task !== 'string') return false;
  if (source !== undefined && !isText(source, 1, 1024)) return false;
  if (name !== undefined && !isText(name, 1, 200)) return false;
  if (options !== undefined && !isPlainObject(options)) return false;
  if (counts !== undefined && !isPlainCounts(counts)) return false;
  if (typeof input !== 'object' || input === null) return false;
  const keys = Object.keys(input);
  if (keys[0] === 'path') return isPlainPath(input as { path?: unknown; member?: unknown }, keys);
  if (keys.length !== 1) return false;
  return (keys[0] === 'text' && typeof (input as { text?: unknown }).text === 'string')
    || (keys[0] === 'bytes' && (input as { bytes?: unknown }).bytes instanceof Uint8Array);
}

function isPlainPath(input: { path?: unknown; member?: unknown }, keys: readonly string[]): boolean {
  if (keys.length > 2 || (keys.length === 2 && keys[1] !== 'member')) return false;
  return isText(input.path, 1, Infinity) && (input.member === undefined || isText(input.member, 1, Infinity));
}

function isPlainCounts(counts: unknown): boolean {
  if (typeof counts !== 'object' || counts === null || Object.getPrototypeOf(counts) !== Object.prototype) return false;
  const { keep, add, letters, ...rest } = counts as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return false;
  if (keep !== undefined && !isText(keep, 1, Infinity)) return false;
  if (letters !== undefined && letters !== true) return false;
  return add === undefined || (Array.isArray(add) && add.every((name) => isText(name, 1, Infinity)));
}

const isEmpty = (options: object | undefined): boolean => {
  if (options === undefined) return true;
  for (const key in options) if (Object.hasOwn(options, key)) return false;
  return true;
};

/**
 * A task's options when a job gives none: the engine's defaults, validated once per task (a zod
 * parse and the task's own finishing of the options each time before). Shared by such jobs, so
 * frozen: nothing changes a job's options.
 */
const defaultsByTask = new WeakMap<TaskOptionBag, Map<TaskName, TaskOptions>>();

function defaultOptions(task: TaskName, defaults: TaskOptionBag): TaskOptions {
  let byTask = defaultsByTask.get(defaults);
  if (byTask === undefined) defaultsByTask.set(defaults, (byTask = new Map()));
  let options = byTask.get(task);
  if (options === undefined) {
    options = Object.freeze(parseTaskOptions(task, defaults, undefined));
    byTask.set(task, options);
  }
  return options;
}

/** File-name stems keep to a portable alphabet whatever the input was called. */
function safeStem(name: string): string {
  const stem = name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[-.]+/, '').slice(0, 100);
  return stem === '' ? 'input' : stem;
}

/** zod leaves absent optional keys out; exactOptionalPropertyTypes wants them out of the type too. */
function keptCounts(c: { keep?: string | undefined; add?: string[] | undefined; letters?: true | undefined }): KeptCounts {
  return { ...(c.keep === undefined ? {} : { keep: c.keep }), ...(c.add === undefined ? {} : { add: c.add }), ...(c.letters === undefined ? {} : { letters: c.letters }) };
}

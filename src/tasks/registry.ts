/**
 * The main thread's task registry: for each task, its options schema with
 * defaults, and whether a large input may be cut into chunks. Adding a task
 * is one line here plus one file in workers/tasks/ (and its line in
 * workers/tasks/registry.ts).
 */
import { z } from 'zod';
import { formatIssues } from '../validation.ts';
import { InvalidJobError, UnsupportedLanguageError } from '../errors.ts';
import type { TaskName, TaskOptionBag, TaskOptions } from '../protocol.ts';
import { languageField, nField, normalizeStem, sentencesField, stemField, stopwordSpecSchema, topField } from './option-fields.ts';

interface TaskSpec {
  /** Strict schema of the task's own options, defaults filled. */
  options: z.ZodObject;
  /** Whether counting byte ranges on several threads and merging gives the one-pass answer. */
  chunked: boolean;
  /** Languages the task supports, when it does not support them all. */
  languages?: readonly string[];
}

const common = { top: topField.default(20), stopwords: stopwordSpecSchema.default('en') };

export const TASKS: Readonly<Record<TaskName, TaskSpec>> = Object.freeze({
  wordcount: { options: z.object({ ...common, stem: stemField.optional() }).strict(), chunked: true },
  ngrams: { options: z.object({ n: nField.default(2), ...common }).strict(), chunked: true },
  sentiment: {
    options: z.object({ language: languageField.default('en'), sentences: sentencesField.default(3) }).strict(),
    // Sentences may span a cut and "most positive" needs whole sentences: one thread reads the whole input.
    chunked: false,
    // natural's AFINN vocabulary for English (its Spanish/Portuguese lists are not wired in).
    languages: ['en'],
  },
  stats: { options: z.object({}).strict(), chunked: false },
  keywords: { options: z.object({ ...common }).strict(), chunked: true },
});

/**
 * The task's filled options: defaults (which may hold options of other tasks,
 * e.g. the CLI's `--top` for sentiment) contribute only keys the task knows;
 * the job's own options must all be the task's.
 */
export function parseTaskOptions(task: TaskName, defaults: TaskOptionBag, given: Record<string, unknown> | undefined): TaskOptions {
  const spec = TASKS[task];
  const known = Object.keys(spec.options.shape);
  const picked = Object.fromEntries(Object.entries(defaults).filter(([key, value]) => known.includes(key) && value !== undefined));
  const parsed = spec.options.safeParse({ ...picked, ...given }, { reportInput: true });
  if (!parsed.success) throw new InvalidJobError(formatIssues(parsed.error, `${task} option`));
  const options = parsed.data as Record<string, unknown>;
  if ('stem' in options) {
    const stem = normalizeStem(options['stem'] as TaskOptionBag['stem']);
    if (stem === undefined) delete options['stem'];
    else options['stem'] = stem;
  }
  const language = options['language'];
  if (spec.languages && typeof language === 'string' && !spec.languages.includes(language)) {
    throw new UnsupportedLanguageError(task, language, spec.languages);
  }
  return options as unknown as TaskOptions;
}

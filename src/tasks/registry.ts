/**
 * The main thread's task registry: one descriptor per task (src/tasks/<task>.ts).
 * Adding a task is its descriptor and one line here, plus its worker module in
 * workers/tasks/ (and its line in workers/tasks/registry.ts).
 */
import { InvalidJobError, UnsupportedLanguageError } from '../errors.ts';
import type { TaskName, TaskOptionBag, TaskOptions } from '../protocol.ts';
import { formatIssues } from '../validation.ts';
import type { TaskDescriptor } from './descriptor.ts';
import { keywordsTask } from './keywords.ts';
import { ngramsTask } from './ngrams.ts';
import { sentimentTask } from './sentiment.ts';
import { statsTask } from './stats.ts';
import { wordcountTask } from './wordcount.ts';

/** The task a job without one runs; its defaulted options are the engine-wide ones (src/tasks/options.ts). */
export const DEFAULT_TASK = 'wordcount' satisfies TaskName;

export const TASKS = Object.freeze({
  wordcount: wordcountTask,
  ngrams: ngramsTask,
  sentiment: sentimentTask,
  stats: statsTask,
  keywords: keywordsTask,
}) satisfies Readonly<Record<TaskName, TaskDescriptor>>;

export function taskDescriptor(task: TaskName): TaskDescriptor {
  return TASKS[task];
}

/**
 * The task's filled options: defaults (which may hold options of other tasks,
 * e.g. the CLI's `--top` for sentiment) contribute only keys the task knows;
 * the job's own options must all be the task's.
 */
export function parseTaskOptions(task: TaskName, defaults: TaskOptionBag, given: Record<string, unknown> | undefined): TaskOptions {
  const descriptor = taskDescriptor(task);
  const known = Object.keys(descriptor.options.shape);
  const picked = Object.fromEntries(Object.entries(defaults).filter(([key, value]) => known.includes(key) && value !== undefined));
  const parsed = descriptor.options.safeParse({ ...picked, ...given }, { reportInput: true });
  if (!parsed.success) throw new InvalidJobError(formatIssues(parsed.error, `${task} option`));
  const options = (descriptor.finish ? descriptor.finish(parsed.data) : parsed.data) as TaskOptions;
  const language = (options as { language?: unknown }).language;
  if (descriptor.languages && typeof language === 'string' && !descriptor.languages.includes(language)) {
    throw new UnsupportedLanguageError(task, language, descriptor.languages);
  }
  return options;
}

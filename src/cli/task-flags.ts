/**
 * `process` flags of the tasks beyond wordcount (`--n`, `--stem`,
 * `--language`, `--sentences`). They are validated here as text and then by
 * the task's own schema (src/tasks/registry.ts), like every other input; a
 * flag given for a task that does not take it is a usage error, not ignored.
 */
import { Option } from 'commander';
import { z } from 'zod';
import { wholeNumber } from '../option-fields.ts';
import { STEM_LANGUAGES } from '../protocol.ts';
import type { TaskName, TaskOptionBag } from '../protocol.ts';
import { TASKS } from '../tasks/registry.ts';
import { UsageError } from './usage-error.ts';

export const taskFlagsSchema = z.object({
  n: wholeNumber(2, 5).optional(),
  stem: z.union([z.literal(true), z.enum(STEM_LANGUAGES)], { error: `expected a stemmer language (${STEM_LANGUAGES.join(', ')})` }).optional(),
  language: z.string().regex(/^[a-z]{2}$/, 'expected a two-letter language code like en').optional(),
  sentences: wholeNumber(0, 1000).optional(),
});
export type TaskFlags = z.infer<typeof taskFlagsSchema>;

export function taskFlagOptions(): Option[] {
  return [
    new Option('--n <n>', 'ngrams: words per n-gram, 2 to 5 (default 2)').env('WORDMILL_N'),
    new Option('--stem [language]', `wordcount: count stems (${STEM_LANGUAGES.join('|')}; default en)`).env('WORDMILL_STEM'),
    new Option('--language <code>', 'sentiment: language of the texts (only en is supported)').env('WORDMILL_LANGUAGE'),
    new Option('--sentences <n>', 'sentiment: most positive/negative sentences to show (default 3)').env('WORDMILL_SENTENCES'),
  ];
}

export function taskFlagBag(task: TaskName, flags: TaskFlags): TaskOptionBag {
  const known = Object.keys(TASKS[task].options.shape);
  const bag: TaskOptionBag = {};
  for (const key of Object.keys(taskFlagsSchema.shape) as Array<keyof TaskFlags>) {
    const value = flags[key];
    if (value === undefined) continue;
    if (!known.includes(key)) throw new UsageError(`--${key} is not an option of the ${task} task`);
    Object.assign(bag, { [key]: value });
  }
  return bag;
}

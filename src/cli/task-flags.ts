/**
 * `process` flags of the task options, generated from the task descriptors
 * (src/tasks/options.ts): `--<option>` with its WORDMILL_<OPTION> variable,
 * read as its text form (src/tasks/option-text.ts) and checked by the option's
 * own field, then by the task's schema like every other input. A flag given
 * for a task that does not take it is a usage error, not ignored, except the
 * engine-wide ones (`--top`, `--stopwords`), which reach the tasks that take them.
 */
import { Option } from 'commander';
import { z } from 'zod';
import { wholeNumber } from '../option-fields.ts';
import type { TaskName, TaskOptionBag } from '../protocol.ts';
import { switchValue, textForm } from '../tasks/option-text.ts';
import { TASK_OPTIONS } from '../tasks/options.ts';
import type { TaskOption } from '../tasks/options.ts';
import { parseStopwordsOption } from './stopwords-option.ts';
import { UsageError } from './usage-error.ts';

/** Options whose command-line text means more than the field's own (a stopword file). */
const FROM_CLI_TEXT: Readonly<Record<string, (text: string) => unknown>> = { stopwords: parseStopwordsOption };

export const flagName = (key: string): string => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
export const envName = (key: string): string => `WORDMILL_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

function flagField(option: TaskOption): z.ZodType {
  if (FROM_CLI_TEXT[option.key] !== undefined) return z.string().min(1);
  const form = textForm(option.field);
  if (form.kind === 'number') return wholeNumber(form.min, form.max);
  if (form.kind === 'switch') return z.preprocess(switchValue, option.field);
  return option.field;
}

export const taskFlagsSchema = z.object(Object.fromEntries(TASK_OPTIONS.map((o) => [o.key, flagField(o).optional()])));
export type TaskFlags = Readonly<Record<string, unknown>>;

function describe(option: TaskOption): string {
  const defaults = new Set([...option.defaults.values()].map((v) => JSON.stringify(v)));
  const shown = option.engineDefault === undefined && defaults.size === 1 ? ` (default ${[...option.defaults.values()][0]})` : '';
  return `${option.tasks.join(', ')}: ${option.description}${shown}`;
}

export function taskFlagOptions(): Option[] {
  return TASK_OPTIONS.map((o) => {
    const form = textForm(o.field);
    const value = form.kind === 'switch' ? '[value]' : form.kind === 'number' ? '<n>' : '<value>';
    const flag = new Option(`${flagName(o.key)} ${value}`, describe(o)).env(envName(o.key));
    return o.engineDefault === undefined ? flag : flag.default(String(o.engineDefault));
  });
}

/** The given flags as task options for `task`; a usage error for a flag the task does not take. */
export function taskFlagBag(task: TaskName, flags: TaskFlags): TaskOptionBag {
  const bag: Record<string, unknown> = {};
  for (const option of TASK_OPTIONS) {
    const value = flags[option.key];
    if (value === undefined) continue;
    if (option.engineDefault === undefined && !option.tasks.includes(task)) throw new UsageError(`${flagName(option.key)} is not an option of the ${task} task`);
    const fromText = FROM_CLI_TEXT[option.key];
    try {
      bag[option.key] = fromText === undefined ? value : fromText(String(value));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  return bag as TaskOptionBag;
}

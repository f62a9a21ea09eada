/**
 * The task options as query parameters, generated from the task descriptors
 * (src/tasks/options.ts): a number option takes digits, a switch `true` or
 * `false`, anything else text; the task's schema then checks the values like
 * a JSON body's (a bad one is named in a 422). /openapi.json documents each
 * parameter from the same field.
 */
import { z } from '@hono/zod-openapi';
import { switchValue, textForm } from '../../../tasks/option-text.ts';
import { TASK_OPTIONS } from '../../../tasks/options.ts';
import type { TaskOption } from '../../../tasks/options.ts';
import type { TaskOptionBag } from '../../../protocol.ts';

export const wholeNumberText = (what: string) => z.string().regex(/^\d{1,9}$/, `${what} must be a whole number`).transform(Number);

function describe(option: TaskOption): string {
  const defaults = [...new Set([...option.defaults.values()].map((v) => String(v)))];
  return `${option.tasks.join(', ')}: ${option.description}${defaults.length === 1 ? ` (default ${defaults[0]})` : ''}`;
}

function queryField(option: TaskOption) {
  const form = textForm(option.field);
  const text = form.kind === 'number' ? wholeNumberText(option.key) : form.kind === 'switch' ? z.string().transform(switchValue) : z.string();
  const example = option.example === undefined ? {} : { example: String(option.example) };
  return text.optional().openapi({ type: 'string', description: describe(option), ...example });
}

export const taskQueryShape = Object.fromEntries(TASK_OPTIONS.map((o) => [o.key, queryField(o)]));

/** Only the engine-wide options (`top`, `stopwords`): what the plain `POST /data` form takes. */
export const engineWideQueryShape = Object.fromEntries(TASK_OPTIONS.filter((o) => o.engineDefault !== undefined).map((o) => [o.key, queryField(o)]));

/** The task options among validated query parameters. */
export function optionsFromQuery(query: Readonly<Record<string, unknown>>): TaskOptionBag {
  const options: Record<string, unknown> = {};
  for (const { key } of TASK_OPTIONS) if (query[key] !== undefined) options[key] = query[key];
  return options as TaskOptionBag;
}

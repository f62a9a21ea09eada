/**
 * Every task option, derived from the task descriptors: which tasks take it,
 * its field schema, default and description. The CLI flags
 * (src/cli/task-flags.ts), the HTTP query parameters
 * (src/input/http/schemas/task-query.ts) and the all-options bag below are
 * generated from this list, so a new option in a descriptor reaches every
 * input without another edit.
 */
import { z } from 'zod';
import { TASK_NAMES } from '../protocol.ts';
import type { TaskName, TaskOptionBag } from '../protocol.ts';
import { DEFAULT_TASK, TASKS } from './registry.ts';

export interface TaskOption {
  key: string;
  /** The field without its default or optionality: the same object in every task that takes the option. */
  field: z.ZodType;
  tasks: readonly TaskName[];
  /** Each taking task's default, when it has one. */
  defaults: ReadonlyMap<TaskName, unknown>;
  description: string;
  example: unknown;
  /**
   * Set for options the default task fills with a default (`top`, `stopwords`):
   * they are engine-wide defaults that reach every task that takes them, so the
   * CLI flag carries this default and is not refused for a task without the option.
   */
  engineDefault: unknown;
}

function bare(field: z.ZodType): { field: z.ZodType; fallback?: { value: unknown } } {
  if (field instanceof z.ZodDefault) return { field: field.unwrap() as z.ZodType, fallback: { value: field.def.defaultValue } };
  if (field instanceof z.ZodOptional) return { field: field.unwrap() as z.ZodType };
  return { field };
}

function collect(): TaskOption[] {
  const byKey = new Map<string, { field: z.ZodType; tasks: TaskName[]; defaults: Map<TaskName, unknown>; meta: Record<string, unknown> }>();
  for (const task of TASK_NAMES) {
    for (const [key, shaped] of Object.entries(TASKS[task].options.shape as Record<string, z.ZodType>)) {
      const { field, fallback } = bare(shaped);
      const entry = byKey.get(key) ?? { field, tasks: [] as TaskName[], defaults: new Map<TaskName, unknown>(), meta: field.meta() ?? shaped.meta() ?? {} };
      if (entry.field !== field) throw new Error(`task option "${key}": ${task} must use the same field as ${entry.tasks.join(', ')} (src/tasks/option-fields.ts)`);
      entry.tasks.push(task);
      if (fallback) entry.defaults.set(task, fallback.value);
      byKey.set(key, entry);
    }
  }
  return [...byKey].map(([key, { field, tasks, defaults, meta }]) => {
    return {
      key,
      field,
      tasks,
      defaults,
      description: typeof meta.description === 'string' ? meta.description : key,
      example: meta['example'],
      engineDefault: tasks.includes(DEFAULT_TASK) ? defaults.get(DEFAULT_TASK) : undefined,
    };
  });
}

export const TASK_OPTIONS: readonly TaskOption[] = Object.freeze(collect());

export const taskNameSchema = z.enum(TASK_NAMES);

/**
 * Every option of every task, each optional: what inputs (HTTP bodies, MQTT
 * subscriptions, queue payloads, engine defaults) accept before the task's
 * own schema picks, fills and checks its options.
 */
export const taskOptionsSchema = z
  .object(Object.fromEntries(TASK_OPTIONS.map((o) => [o.key, o.field.optional()])))
  .strict() as unknown as z.ZodType<TaskOptionBag, TaskOptionBag>;

type Shapes = (typeof TASKS)[TaskName]['options']['shape'];
type Intersect<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type Fields = Intersect<Shapes>;
/** The bag as the descriptors make it; checked against the protocol's TaskOptionBag, which callers use. */
type DerivedBag = { [K in keyof Fields]?: Exclude<z.output<Fields[K]>, undefined> };
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const BAG_MATCHES_PROTOCOL: Same<DerivedBag, TaskOptionBag> = true;

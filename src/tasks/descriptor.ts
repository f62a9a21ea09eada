/**
 * What the main thread knows of a task, in one place: its options (a strict
 * zod schema with defaults), whether it may be chunked, the languages it
 * supports and its result fields. The CLI flags, the HTTP query parameters,
 * the all-options bag of HTTP bodies, MQTT subscriptions and queue payloads,
 * and /openapi.json are derived from these descriptors (src/tasks/options.ts);
 * the worker side runs the task from workers/tasks/.
 */
import type { z } from 'zod';
import type { TaskName, TaskOptionsByName } from '../protocol.ts';

/** Where a chunked task's ranges may be cut: between any two words, or also where no sentence end is undecided. */
export type CutRule = 'between-words' | 'mid-sentence';

type KnownKeys<T> = string extends keyof T ? never : keyof T;
type SameKeys<A, B> = [Exclude<KnownKeys<A>, KnownKeys<B>>, Exclude<KnownKeys<B>, KnownKeys<A>>] extends [never, never] ? true : false;

export interface TaskDescriptor<K extends TaskName = TaskName, O extends z.ZodObject = z.ZodObject> {
  name: K;
  /** Strict schema of the task's own options, defaults filled; each field's `description` metadata documents it. */
  options: O;
  /** Whether counting byte ranges on several threads and merging gives the one-pass answer. */
  chunked: boolean;
  /** Where a chunked task's ranges may be cut (src/dispatch/chunk-plan.ts); `between-words` unless given. */
  cuts?: CutRule;
  /** Languages the task supports (`language` option), when it does not support them all. */
  languages?: readonly string[];
  /** Turns the validated options into what the worker receives, when they differ (e.g. `stem: true` → `en`). */
  finish?(options: z.output<O>): TaskOptionsByName[K];
  /** The task's own result fields, beyond the common ones every result has (for /openapi.json). */
  result: z.ZodObject;
}

/**
 * Freezes a descriptor; the type check keeps its option keys equal to the
 * protocol's options type of the task, which the worker reads.
 */
export function defineTask<K extends TaskName, O extends z.ZodObject>(
  descriptor: TaskDescriptor<K, O> & (SameKeys<z.output<O>, TaskOptionsByName[K]> extends true ? unknown : { optionKeysDifferFromProtocol: never }),
): TaskDescriptor<K, O> {
  return Object.freeze(descriptor);
}

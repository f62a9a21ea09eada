/**
 * What a job is, as callers give it and as the engine runs it. `normalizeJob`
 * is the engine's boundary: after it, a job has an id, a known task and
 * complete, valid options.
 */
import { basename, extname } from 'node:path';
import { z } from 'zod';
import { DEFAULT_TASK_OPTIONS, formatIssues, taskNameSchema, taskOptionsSchema } from '../config.ts';
import { InvalidJobError, UnknownTaskError } from '../errors.ts';
import { JOB_ID_PATTERN, newJobId } from '../ids.ts';
import { TASK_NAMES } from '../protocol.ts';
import type { TaskName, TopWord, WordcountOptions } from '../protocol.ts';

export type JobInputSource = { text: string } | { path: string } | { bytes: Uint8Array };

export interface JobInput {
  id?: string;
  task?: string;
  input: JobInputSource;
  options?: Partial<WordcountOptions>;
  /** Where the job came from: a path relative to the corpus folder, `http`, `mqtt:<topic>`. */
  source?: string;
  /** Stem of the output file name; defaults to the input file's stem, else `text`. */
  name?: string;
  /** Queue mode only: 1 (first) … 2097152; jobs without one go before any with one (BullMQ). */
  priority?: number;
  /** Queue mode only: start no sooner than this many ms after submit. */
  delayMs?: number;
}

export interface Job {
  id: string;
  task: TaskName;
  input: JobInputSource;
  options: WordcountOptions;
  source: string;
  name: string;
  priority?: number;
  delayMs?: number;
}

/** The finished result: the shape of output files, HTTP answers and MQTT replies. */
export interface JobResult {
  id: string;
  task: TaskName;
  source: string;
  /** Stem of the output file name. */
  name: string;
  bytes: number;
  totalWords: number;
  uniqueWords: number;
  top: TopWord[];
  /** Thread id that produced it, or the ids of every thread for a chunked input. */
  worker: number | number[];
  durationMs: number;
  finishedAt: string;
  options: WordcountOptions;
  chunks: number;
  invalidUtf8: boolean;
}

const inputSchema = z.union([
  z.object({ text: z.string() }).strict(),
  z.object({ path: z.string().min(1) }).strict(),
  z.object({ bytes: z.instanceof(Uint8Array) }).strict(),
]);

const jobSchema = z
  .object({
    id: z.string().regex(JOB_ID_PATTERN, 'use 1-128 letters, digits, ".", "_" or "-"').optional(),
    task: z.string().optional(),
    input: inputSchema,
    options: z.record(z.string(), z.unknown()).optional(),
    source: z.string().min(1).max(1024).optional(),
    name: z.string().min(1).max(200).optional(),
    priority: z.number().int().min(1).max(2_097_152).optional(),
    delayMs: z.number().int().min(0).max(365 * 86_400_000).optional(),
  })
  .strict();

export function normalizeJob(
  job: JobInput,
  defaults: { task: TaskName; options: Partial<WordcountOptions> },
): Job {
  const parsed = jobSchema.safeParse(job);
  if (!parsed.success) throw new InvalidJobError(formatIssues(parsed.error, 'job'));
  const j = parsed.data;
  const task = j.task ?? defaults.task;
  if (!taskNameSchema.safeParse(task).success) throw new UnknownTaskError(task, TASK_NAMES);
  const options = taskOptionsSchema.safeParse({ ...DEFAULT_TASK_OPTIONS, ...defaults.options, ...j.options });
  if (!options.success) throw new InvalidJobError(formatIssues(options.error, 'option'));
  const path = 'path' in j.input ? j.input.path : undefined;
  return {
    id: j.id ?? newJobId(),
    task: task as TaskName,
    input: j.input,
    options: options.data,
    source: j.source ?? path ?? 'text',
    name: safeStem(j.name ?? (path === undefined ? 'text' : basename(path, extname(path)))),
    ...(j.priority === undefined ? {} : { priority: j.priority }),
    ...(j.delayMs === undefined ? {} : { delayMs: j.delayMs }),
  };
}

/** File-name stems keep to a portable alphabet whatever the input was called. */
function safeStem(name: string): string {
  const stem = name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[-.]+/, '').slice(0, 100);
  return stem === '' ? 'input' : stem;
}

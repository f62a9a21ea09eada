/**
 * Options at the boundary: frozen defaults, one zod schema each, and messages
 * that name the option and show the bad value. Everything below this file
 * receives filled, valid options and never reads `process.env`.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { TaskName, TaskOptionBag } from './protocol.ts';
import { taskNameSchema, taskOptionsSchema } from './tasks/options.ts';
import { DEFAULT_TASK } from './tasks/registry.ts';
import { byteSize } from './units/byte-size.ts';
import { parseOrThrow } from './validation.ts';


export const ENGINE_DEFAULTS = Object.freeze({
  threads: availableParallelism(),
  maxQueue: 1000,
  // Per chunk the pool pays ~3.5 ms (a partial table, its keys, one merge step): at 16 MiB that is
  // ~5% of the count on English, and 256 MB ran 5–20% faster than with 8 MiB (bench/RESULTS.md).
  chunkSize: 16 * 1024 * 1024,
  outDir: 'output' as string | null,
  timeoutMs: 10 * 60_000,
  retries: 2,
  task: DEFAULT_TASK as TaskName,
});

export const MIN_CHUNK_SIZE = 64 * 1024;

/** With the default concurrency, small jobs (`SMALL_TASK_BYTES`) run this many to a place (docs/architecture.md). */
export const SMALL_JOBS_PER_PLACE = 16;

export const engineOptionsSchema = z
  .object({
    threads: z.number().int().min(1).max(1024).default(ENGINE_DEFAULTS.threads),
    maxQueue: z.number().int().min(0).max(1_000_000).default(ENGINE_DEFAULTS.maxQueue),
    /** Jobs running at once; more than the thread count keeps threads fed between jobs. */
    concurrency: z.number().int().min(1).max(100_000).optional(),
    chunkSize: byteSize(MIN_CHUNK_SIZE).default(ENGINE_DEFAULTS.chunkSize),
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
  /** Small jobs that share one place (1: every job takes a whole one); see Admission. */
  smallJobsPerPlace: number;
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
  // A concurrency given is a number of jobs, whatever their size; the default counts a small job
  // as a share of a place, so enough of them run at once to go to the threads in batches.
  const smallJobsPerPlace = o.concurrency === undefined ? SMALL_JOBS_PER_PLACE : 1;
  return { ...o, concurrency: o.concurrency ?? o.threads * 2, smallJobsPerPlace, logDir };
}

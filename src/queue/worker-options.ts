/** `wordmill worker` options: frozen defaults, one schema, validated once. */
import { z } from 'zod';
import { duration, wholeNumber as int } from '../option-fields.ts';
import { ENGINE_DEFAULTS } from '../config.ts';
import { parseOrThrow } from '../validation.ts';
import { QUEUE_DEFAULTS, queueNameSchema, redisUrlSchema } from './options.ts';

export const WORKER_DEFAULTS = Object.freeze({
  out: 'output',
  timeoutMs: ENGINE_DEFAULTS.timeoutMs,
  /** How long a job's lock lives without renewal; a SIGKILLed worker's job is free again after this. */
  lockDurationMs: 30_000,
  /** How often this worker looks for jobs whose worker died (stalled jobs) and requeues them. */
  stalledIntervalMs: 30_000,
  heartbeatMs: 5000,
});

export const workerOptionsSchema = z
  .object({
    url: redisUrlSchema,
    name: queueNameSchema.default(QUEUE_DEFAULTS.name),
    prefix: z.string().min(1).default(QUEUE_DEFAULTS.prefix),
    threads: int(1, 1024).default(ENGINE_DEFAULTS.threads),
    /** Jobs taken at once; defaults to the thread count so no job waits inside the process. */
    concurrency: int(1, 10_000).optional(),
    out: z.string().min(1).default(WORKER_DEFAULTS.out),
    timeoutMs: duration(1, 24 * 3_600_000).default(WORKER_DEFAULTS.timeoutMs),
    lockDurationMs: duration(200, 3_600_000).default(WORKER_DEFAULTS.lockDurationMs),
    stalledIntervalMs: duration(100, 3_600_000).default(WORKER_DEFAULTS.stalledIntervalMs),
    heartbeatMs: duration(100, 600_000).default(WORKER_DEFAULTS.heartbeatMs),
    textLimit: int(1, 2 ** 31).default(QUEUE_DEFAULTS.textLimit),
    chunkSize: z.union([z.number(), z.string()]).optional(),
  })
  .strict();

export type WorkerOptionsInput = z.input<typeof workerOptionsSchema>;
export type WorkerOptions = z.output<typeof workerOptionsSchema>;

export function resolveWorkerOptions(input: WorkerOptionsInput): WorkerOptions {
  return parseOrThrow(workerOptionsSchema, input, 'worker option');
}

/** Response schemas, for /openapi.json and for type-checking what handlers return. */
import { z } from '@hono/zod-openapi';
import { ERROR_STATUS } from '../../../errors.ts';
import type { ErrorCode } from '../../../errors.ts';
import { STOPWORD_LANGUAGES } from '../../../protocol.ts';
import { TASK_OPTIONS } from '../../../tasks/options.ts';
import { TASKS } from '../../../tasks/registry.ts';
import { JOB_STATUSES } from '../../../jobs/job-index.ts';

export const jobLinksSchema = z.object({ self: z.string() });

export const acceptedSchema = z
  .object({ id: z.string(), status: z.enum(JOB_STATUSES), links: jobLinksSchema })
  .openapi('JobAccepted');

/** Each task's own result fields (src/tasks/<task>.ts), optional: a result has those of its task only. */
const taskResultShape = Object.fromEntries(
  Object.values(TASKS).flatMap((task) => Object.entries(task.result.shape as Record<string, z.ZodType>).map(([key, field]) => [key, field.optional()])),
);

/** A job's options as its records and result files keep them: an inline stopword list only as its digest. */
const recordedStopwords = z.union([
  z.enum(['none', ...STOPWORD_LANGUAGES]),
  z.object({ words: z.number(), sha256: z.string() }).openapi({ description: 'an inline stopword list: its word count and the SHA-256 of its words, each followed by a newline' }),
]);
const recordedOptionsSchema = z.object(
  Object.fromEntries(TASK_OPTIONS.map((o) => [o.key, (o.key === 'stopwords' ? recordedStopwords : o.field).optional()])),
);

/** Common fields, then each task's own (see docs/tasks.md). */
export const jobResultSchema = z
  .object({
    id: z.string(),
    task: z.string(),
    source: z.string(),
    name: z.string(),
    bytes: z.number(),
    totalWords: z.number(),
    ...taskResultShape,
    worker: z.union([z.number(), z.array(z.number())]),
    durationMs: z.number(),
    finishedAt: z.string(),
    options: recordedOptionsSchema,
    chunks: z.number(),
    invalidUtf8: z.boolean(),
    writtenTo: z.string().optional().openapi({ description: 'queue mode: the result file, as the `wordmill worker` that wrote it reports it' }),
  })
  .openapi('JobResult');

export const jobErrorSchema = z.object({ code: z.string(), message: z.string() });

export const jobRecordSchema = z
  .object({
    id: z.string(),
    status: z.enum(JOB_STATUSES),
    task: z.string(),
    source: z.string(),
    createdAt: z.string(),
    startedAt: z.string().optional(),
    finishedAt: z.string().optional(),
    result: jobResultSchema.optional(),
    error: jobErrorSchema.optional(),
    links: jobLinksSchema,
  })
  .openapi('JobRecord');

export const jobListSchema = z
  .object({ count: z.number(), jobs: z.array(jobRecordSchema.omit({ result: true })) })
  .openapi('JobList');

const queueStatusSchema = z
  .object({
    queue: z.string(),
    counts: z.object({
      queued: z.number(), running: z.number(), done: z.number(), failed: z.number(), delayed: z.number(), prioritized: z.number(),
    }),
    workers: z.array(z.object({
      id: z.string(), host: z.string(), pid: z.number(), threads: z.number(), concurrency: z.number(), out: z.string(),
      active: z.number(), done: z.number(), failed: z.number(), startedAt: z.string(), lastSeen: z.string(),
    })),
    totals: z.object({ workers: z.number(), threads: z.number(), active: z.number(), done: z.number(), failed: z.number() }),
  })
  .openapi('QueueStatus');

export type QueueStatusView = z.infer<typeof queueStatusSchema>;

const timing = z.object({ p50: z.number(), p99: z.number(), mean: z.number() });
const rate = z.object({ jobsPerSecond: z.number(), bytesPerSecond: z.number() });

export const statsSchema = z
  .object({
    queued: z.number(),
    running: z.number(),
    done: z.number(),
    failed: z.number(),
    bytes: z.number(),
    uptimeSeconds: z.number(),
    throughput: z.object({ windowSeconds: z.number(), recent: rate, sinceStart: rate }),
    pool: z.object({
      threads: z.number(),
      queueSize: z.number(),
      completed: z.number(),
      utilization: z.number(),
      runTimeMs: timing,
      waitTimeMs: timing,
    }),
    store: z.object({ records: z.number() }),
    /** `queue`: jobs run on `wordmill worker` processes; `pool` stays zero then. */
    mode: z.enum(['pool', 'queue']),
    queue: queueStatusSchema.optional(),
    /** The MQTT input: connection state, broker and per-subscription counts. */
    mqtt: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi('Stats');

export const healthSchema = z.object({ status: z.string() });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string(),
    code: z.string(),
    instance: z.string().optional(),
    jobId: z.string().optional(),
  })
  .openapi('Problem');

/**
 * `responses` entries for the error codes a route can answer with, all
 * problem+json. The status of each comes from the one code→status table
 * (ERROR_STATUS), so the document cannot disagree with what is sent.
 */
export function problems(...codes: ErrorCode[]): Record<number, { description: string; content: { 'application/problem+json': { schema: typeof problemSchema } } }> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, grouped]) => [
      status,
      { description: `Problem: ${grouped.join(', ')}`, content: { 'application/problem+json': { schema: problemSchema } } },
    ]),
  );
}

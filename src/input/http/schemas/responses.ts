/** Response schemas, for /openapi.json and for type-checking what handlers return. */
import { z } from '@hono/zod-openapi';
import { taskOptionsSchema } from '../../../config.ts';
import { JOB_STATUSES } from '../../../sinks/job-store.ts';

export const jobLinksSchema = z.object({ self: z.string() });

export const acceptedSchema = z
  .object({ id: z.string(), status: z.enum(JOB_STATUSES), links: jobLinksSchema })
  .openapi('JobAccepted');

/**
 * Common fields, then each task's own (wordcount: totalWords, uniqueWords,
 * top; ngrams: totalNgrams, ngrams; sentiment; stats; keywords): see docs/tasks.md.
 */
export const jobResultSchema = z
  .object({
    id: z.string(),
    task: z.string(),
    source: z.string(),
    name: z.string(),
    bytes: z.number(),
    totalWords: z.number(),
    uniqueWords: z.number().optional(),
    top: z.array(z.object({ word: z.string(), count: z.number() })).optional(),
    uniqueStems: z.number().optional(),
    totalNgrams: z.number().optional(),
    ngrams: z.array(z.object({ ngram: z.string(), count: z.number() })).optional(),
    sentiment: z.unknown().optional().openapi({ description: 'sentiment task: score, comparative, sentence summary, most positive/negative sentences' }),
    stats: z.unknown().optional().openapi({ description: 'stats task: characters, bytes, words, distinct words, sentences, lines, averages' }),
    documents: z.number().optional(),
    keywords: z.array(z.object({ word: z.string(), count: z.number(), df: z.number(), score: z.number() })).optional(),
    worker: z.union([z.number(), z.array(z.number())]),
    durationMs: z.number(),
    finishedAt: z.string(),
    options: taskOptionsSchema.extend({
      stopwords: z.union([
        taskOptionsSchema.shape.stopwords.unwrap().options[0],
        z.object({ words: z.number(), sha256: z.string() }).openapi({ description: 'an inline stopword list: its word count and the SHA-256 of its words, each followed by a newline' }),
      ]).optional(),
    }),
    chunks: z.number(),
    invalidUtf8: z.boolean(),
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
      id: z.string(), host: z.string(), pid: z.number(), threads: z.number(), concurrency: z.number(),
      active: z.number(), done: z.number(), failed: z.number(), startedAt: z.string(), lastSeen: z.string(),
    })),
    totals: z.object({ workers: z.number(), threads: z.number(), active: z.number(), done: z.number(), failed: z.number() }),
  })
  .openapi('QueueStatus');

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

/** `responses` entries for error statuses, all problem+json. */
export function problems(...statuses: number[]): Record<number, { description: string; content: { 'application/problem+json': { schema: typeof problemSchema } } }> {
  return Object.fromEntries(
    statuses.map((status) => [status, { description: 'Problem', content: { 'application/problem+json': { schema: problemSchema } } }]),
  );
}

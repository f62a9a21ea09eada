/**
 * Queue-mode options (`--queue redis://…`): frozen defaults and one zod schema,
 * validated once where the engine or a command is built.
 */
import { z } from 'zod';
import { parseOrThrow } from '../validation.ts';
import { byteSize, wholeNumber as int } from '../option-fields.ts';

export const QUEUE_DEFAULTS = Object.freeze({
  name: 'wordmill',
  maxRetries: 3,
  /** First retry after this; each further retry waits twice as long (BullMQ exponential backoff). */
  backoffMs: 1000,
  /**
   * Largest text carried inside a job (Redis keeps the whole payload in memory).
   * Corpus runs send file paths instead, so only HTTP/MQTT texts meet this.
   */
  textLimit: 16 * 1024 * 1024,
  /** Jobs one producer keeps in the queue at once before `submit` answers E_QUEUE_FULL. */
  inFlight: 1000,
  /** Redis key prefix (BullMQ's default). */
  prefix: 'bull',
});

const size = byteSize();

export const redisUrlSchema = z.string().regex(/^rediss?:\/\/\S+$/, 'expected a URL like redis://127.0.0.1:6379');
export const queueNameSchema = z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'use 1-100 letters, digits, ".", "_" or "-"');

export const queueOptionsSchema = z
  .object({
    url: redisUrlSchema,
    name: queueNameSchema.default(QUEUE_DEFAULTS.name),
    maxRetries: int(0, 100).default(QUEUE_DEFAULTS.maxRetries),
    backoffMs: int(1, 3_600_000).default(QUEUE_DEFAULTS.backoffMs),
    textLimit: size.default(QUEUE_DEFAULTS.textLimit),
    inFlight: int(1, 1_000_000).default(QUEUE_DEFAULTS.inFlight),
    prefix: z.string().min(1).default(QUEUE_DEFAULTS.prefix),
  })
  .strict();

export type QueueOptionsInput = z.input<typeof queueOptionsSchema>;
export type QueueOptions = z.output<typeof queueOptionsSchema>;

export function resolveQueueOptions(input: QueueOptionsInput): QueueOptions {
  return parseOrThrow(queueOptionsSchema, input, 'queue option');
}

/**
 * What a queued job carries: data only (task name, text or an absolute file
 * path, options), never code, so a crafted job can do no more than a valid
 * one. Both sides validate: the producer before it adds, the worker before it
 * runs (a payload written straight into Redis meets the same schema).
 */
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { formatIssues } from '../validation.ts';
import { taskNameSchema, taskOptionsSchema } from '../tasks/options.ts';
import type { Job, JobInput } from '../dispatch/job.ts';
import { InvalidJobError, QueueTextTooLargeError } from '../errors.ts';
import { JOB_ID_PATTERN } from '../ids.ts';
import { isPlainObject, isText } from '../plain-values.ts';
import { TASK_NAMES } from '../protocol.ts';

export const PAYLOAD_VERSION = 1;

const inputSchema = z.union([
  z.object({ text: z.string() }).strict(),
  /** Raw bytes (an HTTP body), base64 so invalid UTF-8 reaches the word rules unchanged. */
  z.object({ base64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64') }).strict(),
  z.object({ path: z.string().min(1).refine(isAbsolute, 'expected an absolute path') }).strict(),
]);

export const payloadSchema = z
  .object({
    v: z.literal(PAYLOAD_VERSION),
    id: z.string().regex(JOB_ID_PATTERN),
    task: taskNameSchema,
    input: inputSchema,
    options: taskOptionsSchema,
    source: z.string().min(1).max(1024),
    name: z.string().min(1).max(200),
  })
  .strict();

export type QueuePayload = z.infer<typeof payloadSchema>;

/** Producer side. Paths become absolute: workers share the folder under the same mount point. */
export function toPayload(job: Job, textLimit: number): QueuePayload {
  const source = job.input;
  let input: QueuePayload['input'];
  if ('path' in source) input = { path: resolve(source.path) };
  else if ('text' in source) input = { text: source.text };
  else if ('stream' in source) throw new InvalidJobError('a streamed upload is counted on the local thread pool only, not through the queue');
  else input = { base64: Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength).toString('base64') };
  checkSize(input, textLimit);
  return { v: PAYLOAD_VERSION, id: job.id, task: job.task, input, options: job.options, source: job.source, name: job.name };
}

/** Worker side: a valid payload as an engine job, or InvalidJobError / a size error (neither is retried). */
export function fromPayload(data: unknown, textLimit: number): JobInput & { id: string } {
  const p = plainPayload(data) ?? parsePayload(data);
  checkSize(p.input, textLimit);
  const input = 'base64' in p.input ? { bytes: new Uint8Array(Buffer.from(p.input.base64, 'base64')) } : p.input;
  return { id: p.id, task: p.task, input, options: p.options, source: p.source, name: p.name };
}

function parsePayload(data: unknown): QueuePayload {
  const parsed = payloadSchema.safeParse(data);
  if (!parsed.success) throw new InvalidJobError(formatIssues(parsed.error, 'queued job'));
  return parsed.data;
}

const PAYLOAD_FIELDS: ReadonlySet<string> = new Set(['v', 'id', 'task', 'input', 'options', 'source', 'name']);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const TASKS: ReadonlySet<string> = new Set(TASK_NAMES);

/**
 * A payload the schema surely accepts, checked by hand: every job a producer adds. The options
 * bag, the part with rules of its own, still meets its (small) schema. The whole payload schema,
 * a union of three inputs around it, was ~4% of a worker's main-thread time on 1 KiB jobs.
 * Anything else goes through the schema, so every refusal reads as before.
 */
function plainPayload(data: unknown): QueuePayload | undefined {
  if (!isPlainObject(data)) return undefined;
  let fields = 0;
  for (const key in data) {
    if (!PAYLOAD_FIELDS.has(key)) return undefined;
    fields++;
  }
  const { v, id, task, input, options, source, name } = data;
  if (fields !== PAYLOAD_FIELDS.size || v !== PAYLOAD_VERSION || !(typeof id === 'string' && JOB_ID_PATTERN.test(id))) return undefined;
  if (!(typeof task === 'string' && TASKS.has(task)) || !isText(source, 1, 1024) || !isText(name, 1, 200)) return undefined;
  if (!isPlainInput(input)) return undefined;
  const parsed = taskOptionsSchema.safeParse(options);
  if (!parsed.success) return undefined;
  return { v, id, task: task as QueuePayload['task'], input: input as QueuePayload['input'], options: parsed.data, source, name };
}

function isPlainInput(input: unknown): boolean {
  if (!isPlainObject(input)) return false;
  const keys = Object.keys(input);
  if (keys.length !== 1) return false;
  const value = input[keys[0]!];
  if (typeof value !== 'string') return false;
  switch (keys[0]) {
    case 'text': return true;
    case 'base64': return BASE64.test(value);
    case 'path': return value.length > 0 && isAbsolute(value);
    default: return false;
  }
}

function checkSize(input: QueuePayload['input'], limit: number): void {
  // Exact decoded sizes: base64 padding ('=') carries no bytes, so length × 3/4 counted up to 2 too many.
  const bytes = 'text' in input ? Buffer.byteLength(input.text, 'utf8') : 'base64' in input ? Buffer.byteLength(input.base64, 'base64') : 0;
  if (bytes > limit) throw new QueueTextTooLargeError(bytes, limit);
}

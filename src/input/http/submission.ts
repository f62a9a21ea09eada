/**
 * Turns a submit request into the parts of a job: raw bodies become bytes
 * (UTF-8 is decoded by the word rules, so invalid sequences and BOMs are
 * handled there, exactly as for files); JSON bodies are validated against
 * the same schema /openapi.json documents.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { formatIssues } from '../../validation.ts';
import { InvalidJobError, InvalidJsonError, UnsupportedMediaTypeError } from '../../errors.ts';
import type { JobInputSource } from '../../dispatch/job.ts';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../json-depth.ts';
import type { TaskOptionBag } from '../../protocol.ts';
import { isJson, isRawText, parseMediaType, RAW_TYPES } from './media-type.ts';
import { parseTextBytesJson } from '../json/json-text-bytes.ts';
import { readBody } from './read-body.ts';
import { jobBodySchema } from './schemas/requests.ts';
import { optionsFromQuery } from './schemas/task-query.ts';
import type { JobBody, SubmitQuery } from './schemas/requests.ts';

export interface Submission {
  id?: string;
  task?: string;
  options: TaskOptionBag;
  input: JobInputSource;
  /** Hash of what was asked, to tell a retried request from a different one under the same key. */
  fingerprint: string;
}

const UTF8_NAMES = new Set(['utf-8', 'utf8', 'us-ascii', 'ascii']);

/** `incoming`: the Node request behind `request` (read-body.ts). `anyType`: take every body as raw text whatever its type (`POST /data`, for clients that cannot send JSON or set a content type). */
export async function readSubmission(
  request: Request,
  query: SubmitQuery,
  options: { bodyLimit: number; anyType?: boolean; incoming?: IncomingMessage | undefined },
): Promise<Submission> {
  const { incoming } = options;
  const media = parseMediaType(incoming === undefined ? request.headers.get('content-type') : (incoming.headers['content-type'] ?? null));
  const json = !options.anyType && isJson(media);
  if (!json && !options.anyType && !isRawText(media)) {
    throw new UnsupportedMediaTypeError(media.essence, ['application/json', ...RAW_TYPES]);
  }
  const queryOptions = optionsFromQuery(query);
  const body = await readBody(request, options.bodyLimit, incoming);
  const fingerprint = createHash('sha256').update(body);

  if (json) {
    const parsed = parseJsonBody(body);
    const merged: TaskOptionBag = { ...queryOptions, ...parsed.options };
    const task = parsed.task ?? query.task;
    fingerprint.update(JSON.stringify([task, merged]));
    const input: JobInputSource = parsed.textBytes === undefined ? { text: parsed.text } : { bytes: parsed.textBytes };
    return { ...(parsed.id === undefined ? {} : { id: parsed.id }), ...(task === undefined ? {} : { task }), options: merged, input, fingerprint: fingerprint.digest('hex') };
  }
  // An empty raw body is almost always a client mistake (curl without data), not a text to count.
  if (body.byteLength === 0) throw new InvalidJobError('the request body is empty: send the text to process as the body');
  fingerprint.update(JSON.stringify([query.task, queryOptions, media.charset]));
  return {
    ...(query.task === undefined ? {} : { task: query.task }),
    options: queryOptions,
    input: decodeRaw(body, media.charset),
    fingerprint: fingerprint.digest('hex'),
  };
}

/** `textBytes`: the text as UTF-8 bytes, when read without a string of it (json-text-bytes.ts). */
function parseJsonBody(body: Uint8Array): JobBody & { textBytes?: Uint8Array } {
  const fast = parseTextBytesJson(body);
  if (fast !== undefined) {
    // A refusal goes the ordinary way below, so its message quotes the request's own characters.
    const parsed = jobBodySchema.safeParse(fast.value);
    if (parsed.success) return { ...parsed.data, textBytes: fast.text };
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch (error) {
    throw new InvalidJsonError(error instanceof TypeError ? 'it is not valid UTF-8' : (error as Error).message);
  }
  if (nestsDeeperThan(value, MAX_JSON_DEPTH)) throw new InvalidJsonError(`it nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep`);
  const parsed = jobBodySchema.safeParse(value, { reportInput: true });
  if (!parsed.success) throw new InvalidJobError(formatIssues(parsed.error, 'body'));
  return parsed.data;
}

/** UTF-8 (the default) stays bytes for the word rules; another declared charset is decoded here. */
function decodeRaw(body: Uint8Array, charset: string | undefined): JobInputSource {
  if (charset === undefined || UTF8_NAMES.has(charset)) return { bytes: body };
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    throw new UnsupportedMediaTypeError(`charset=${charset}`, ['utf-8', 'a charset TextDecoder knows']);
  }
  return { text: decoder.decode(body) };
}

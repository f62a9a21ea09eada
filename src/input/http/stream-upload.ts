/**
 * A raw submit whose declared Content-Length is past the body limit (and
 * within the stream limit) is counted as it arrives instead of refused: the
 * request body becomes the job's input stream, cut into chunks and counted
 * on the threads while the rest is still on its way (src/dispatch/stream-job.ts).
 * Such a job is never held whole, so it is not journaled: it is answered
 * once fully received and counted, its result on disk, and a client that
 * leaves mid-upload cancels it (docs/http.md#uploads-larger-than-the-body-limit).
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { BodyTooLargeError, IdempotencyMismatchError, JobCancelledError, toWordmillError } from '../../errors.ts';
import type { JobResult } from '../../dispatch/job.ts';
import { newJobId } from '../../ids.ts';
import type { JobStatus } from '../../jobs/job-index.ts';
import { TASKS } from '../../tasks/registry.ts';
import type { HttpContext } from './context.ts';
import { isJson, isRawText, parseMediaType } from './media-type.ts';
import { withExtras } from './problem.ts';
import { optionsFromQuery } from './schemas/task-query.ts';

const UTF8_NAMES = new Set(['utf-8', 'utf8', 'us-ascii', 'ascii']);

export interface StreamedUpload {
  id: string;
  status: JobStatus;
  /** The finished result (absent for a replayed job that has none yet). */
  result?: JobResult;
  /** True when an earlier upload under the same Idempotency-Key was returned instead of reading this one. */
  replayed: boolean;
}

/**
 * Undefined when the request is for the in-memory path (small, or declaring no length, or not raw
 * text); otherwise the streamed job, finished. `anyType`: every body is raw text (`POST /data`).
 */
export async function streamUpload(
  request: Request,
  incoming: IncomingMessage | undefined,
  ctx: HttpContext,
  query: { task?: string | undefined } & Record<string, unknown>,
  options: { anyType?: boolean; key?: string | undefined },
): Promise<StreamedUpload | undefined> {
  const header = (name: string): string | null => (incoming === undefined ? request.headers.get(name) : (incoming.headers[name] as string | undefined) ?? null);
  const declared = Number(header('content-length') ?? Number.NaN);
  if (!(declared > ctx.bodyLimit)) return undefined;
  const media = parseMediaType(header('content-type'));
  const json = !options.anyType && isJson(media);
  if (!json && !options.anyType && !isRawText(media)) return undefined;
  const streamLimit = ctx.streamLimit ?? 0;
  const refuse = (hint: string): never => {
    throw new BodyTooLargeError(ctx.bodyLimit, hint);
  };
  if (streamLimit <= ctx.bodyLimit) return undefined;
  if (json) refuse(`a JSON body is read whole; send a larger text as text/plain with task and options in the query (counted as it arrives, up to ${streamLimit} bytes)`);
  if (declared > streamLimit) throw new BodyTooLargeError(streamLimit, 'the stream limit (--stream-limit) for uploads counted as they arrive');
  if (media.charset !== undefined && !UTF8_NAMES.has(media.charset)) refuse(`only UTF-8 text is counted as it arrives past it, not charset=${media.charset}`);
  if (ctx.engine.mode !== 'pool') refuse('in queue mode a job travels whole through Redis, so uploads past the body limit are not taken');
  const task = query.task ?? ctx.engine.options.defaultTask;
  if (task in TASKS && !TASKS[task as keyof typeof TASKS].chunked) refuse(`task ${task} is not counted in chunks, so its input must arrive whole`);

  const queryOptions = optionsFromQuery(query);
  // The body is not read before the job starts, so a key stands for the upload's task, options and size.
  const fingerprint = createHash('sha256').update(JSON.stringify(['stream', query.task, queryOptions, declared])).digest('hex');
  const bound = options.key === undefined ? undefined : ctx.idempotency.lookupKey(options.key);
  if (bound) {
    if (bound.fingerprint !== fingerprint) throw new IdempotencyMismatchError(options.key!);
    const earlier = ctx.store.get(bound.id) ?? (await ctx.results?.find(bound.id));
    if (earlier) return { id: earlier.id, status: earlier.status, ...(earlier.result === undefined ? {} : { result: earlier.result }), replayed: true };
  }
  const id = newJobId();
  const release = (): void => {
    if (options.key !== undefined) ctx.idempotency.releaseKey(options.key);
    ctx.idempotency.releaseFingerprint(id);
  };
  if (options.key !== undefined) ctx.idempotency.bindKey(options.key, id, fingerprint);
  ctx.idempotency.bindFingerprint(id, fingerprint);

  const enqueued = await ctx.engine.enqueue({
    id, ...(query.task === undefined ? {} : { task: query.task }), input: { stream: bodyChunks(request, incoming) },
    options: queryOptions, source: 'http', name: 'http',
  }, { whenFull: 'reject', durable: false }).catch((error: unknown) => {
    release();
    throw error;
  });
  if (!enqueued.accepted) {
    release();
    throw enqueued.error;
  }
  const leftEarly = (): void => {
    if (incoming?.complete === false) ctx.engine.cancel(id);
  };
  incoming?.once('close', leftEarly);
  const onAbort = (): void => void ctx.engine.cancel(id);
  request.signal.addEventListener('abort', onAbort, { once: true });
  try {
    return { id, status: 'done', result: await enqueued.result, replayed: false };
  } catch (error) {
    // Nothing of a failed or cancelled upload is kept: a retry under the same key sends it again.
    if (options.key !== undefined) ctx.idempotency.releaseKey(options.key);
    throw withExtras(toWordmillError(error), { jobId: id });
  } finally {
    incoming?.off('close', leftEarly);
    request.signal.removeEventListener('abort', onAbort);
  }
}

/**
 * The body as it arrives. Ending the iteration early (a failed chunk) leaves the rest unread rather
 * than destroying the request, so the error can still be answered; @hono/node-server then drains
 * or closes the connection.
 */
/** A client that leaves mid-upload cancels the job (whichever of the read error and the close comes first). */
async function* incomingChunks(incoming: IncomingMessage): AsyncGenerator<Uint8Array> {
  try {
    for await (const piece of incoming.iterator({ destroyOnReturn: false })) yield piece as Uint8Array;
  } catch (error) {
    if (!incoming.complete) throw new JobCancelledError();
    throw error;
  }
}

function bodyChunks(request: Request, incoming: IncomingMessage | undefined): AsyncIterable<Uint8Array> {
  if (incoming !== undefined) return incomingChunks(incoming);
  const body = request.body;
  if (body === null) return (async function* () {})();
  return body.values({ preventCancel: true });
}

/**
 * Runs a job whose input arrives as a stream (an HTTP upload larger than the
 * body limit, docs/http.md#uploads-larger-than-the-body-limit): the bytes are
 * cut into chunks as they come (stream-chunker.ts), each chunk is counted on
 * a worker thread as soon as it is complete, and the chunks' partial counts
 * are merged as a file's ranges are (run-job.ts). At most `inFlight` chunks
 * are counted or waiting at once; while that many are out, the stream is not
 * read, so the sender is held back and memory stays bounded whatever the size.
 *
 * Chunks live in SharedArrayBuffers that are reused once their count is done:
 * a thread reads a chunk where it is, with no copy and no garbage. (Moving a
 * fresh buffer to the thread per chunk left the dead ones to the thread's
 * garbage collector, which let them pile up: over 300 MB for a 1 GiB upload.)
 */
import { setMaxListeners } from 'node:events';
import { InvalidJobError } from '../errors.ts';
import type { TaskStats } from '../protocol.ts';
import { TASKS } from '../tasks/registry.ts';
import type { TaskSuccess, ThreadPool } from '../pool/thread-pool.ts';
import type { Job } from './job.ts';
import { StreamChunker } from './stream-chunker.ts';
import { withRetries } from './retry.ts';

export interface StreamRunContext {
  pool: ThreadPool;
  chunkSize: number;
  logDir: string | null;
  retries: number;
  signal: AbortSignal;
  onRetry?: (error: Error, attempt: number) => void;
}

export interface StreamOutcome {
  stats: TaskStats;
  workers: number[];
  chunks: number;
}

/** Chunks out at once beyond the threads: one waiting per pool keeps the threads fed between chunks. */
const SPARE_CHUNKS = 1;

/**
 * Largest chunk of an upload (the engine's chunk size if smaller). The buffers in use are about
 * (threads + 2) chunks; every chunk's partial counts wait for the merge, so smaller chunks hold
 * more of them (4 MiB: 256 partials for 1 GiB of English, ~40 MB, copied once more to the merge).
 */
export const STREAM_CHUNK_BYTES = 8 * 1024 * 1024;

/** Chunk buffers, handed out again once a chunk's count is done. Other sizes (a chunk grown for want of a cut) are not kept. */
class ChunkBuffers {
  private readonly free: Uint8Array[] = [];

  constructor(private readonly size: number) {}

  take = (size: number): Uint8Array => (size === this.size ? this.free.pop() : undefined) ?? new Uint8Array(new SharedArrayBuffer(size));

  give(chunk: Uint8Array): void {
    if (chunk.buffer.byteLength === this.size) this.free.push(new Uint8Array(chunk.buffer));
  }
}

export async function runStreamJob(job: Job, stream: AsyncIterable<Uint8Array>, ctx: StreamRunContext): Promise<StreamOutcome> {
  const descriptor = TASKS[job.task];
  if (!descriptor.chunked) throw new InvalidJobError(`task ${job.task} cannot count a streamed upload: send at most the body limit`);
  const common = { jobId: job.id, source: job.source, task: job.task, options: job.options, logDir: ctx.logDir };
  const chunkSize = Math.min(ctx.chunkSize, STREAM_CHUNK_BYTES);
  const buffers = new ChunkBuffers(chunkSize);
  const chunker = new StreamChunker(chunkSize, descriptor.cuts ?? 'between-words', buffers.take);
  const inFlight = ctx.pool.threads + SPARE_CHUNKS;
  // One failed chunk fails the job: stop reading and drop the chunks still out.
  const sibling = new AbortController();
  const signal = AbortSignal.any([ctx.signal, sibling.signal]);
  setMaxListeners(inFlight + 10, signal);

  const run = (make: () => Parameters<ThreadPool['run']>[0], on: AbortSignal): Promise<TaskSuccess> =>
    withRetries(() => ctx.pool.run(make(), on), { retries: ctx.retries, signal: on, ...(ctx.onRetry === undefined ? {} : { onRetry: ctx.onRetry }) });
  const parts: Array<Promise<TaskSuccess>> = [];
  const out = new Set<Promise<unknown>>();
  const send = (bytes: Uint8Array, atStart: boolean): void => {
    const part = run(() => ({ type: 'count', ...common, input: { kind: 'bytes', bytes, atStart }, mode: 'partial' }), signal);
    part.catch((error: unknown) => sibling.abort(error));
    const settled = part.then(() => {}, () => {});
    out.add(settled);
    void settled.then(() => {
      out.delete(settled);
      buffers.give(bytes);
    });
    parts.push(part);
  };

  const iterator = stream[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      const step = await orAborted(iterator.next(), signal);
      if (step.done) break;
      for (const chunk of chunker.push(step.value)) {
        while (out.size >= inFlight) await orAborted(Promise.race(out), signal);
        send(chunk, parts.length === 0);
      }
    }
    finished = true;
  } finally {
    // Not awaited: a read may be pending, and the stream's owner decides what happens to the rest.
    if (!finished) void iterator.return?.()?.catch(() => {});
  }
  const rest = chunker.end();
  if (parts.length === 0) {
    if (rest === undefined) throw new InvalidJobError('the request body is empty: send the text to process as the body');
    // Small enough for one chunk: counted in one step, as a file of that size is.
    const done = await run(() => ({ type: 'count', ...common, input: { kind: 'bytes', bytes: rest, atStart: true }, mode: 'final' }), ctx.signal);
    return { stats: finalStats(done), workers: [done.threadId], chunks: 1 };
  }
  if (rest !== undefined) send(rest, false);
  const done = await orAborted(Promise.all(parts), signal);
  const partials = done.map((p) => {
    if (p.kind !== 'partial') throw new Error('worker answered a partial count with a final one');
    return p.partial;
  });
  const merged = await run(() => ({ type: 'merge', ...common, partials }), ctx.signal);
  const workers = [...new Set([...done.map((p) => p.threadId), merged.threadId])];
  return { stats: finalStats(merged), workers, chunks: done.length };
}

/**
 * `promise`, or the signal's reason once it aborts. Not `Promise.race` with one promise that lives
 * as long as the job: each race leaves a reaction on it that holds the race's value, so every piece
 * of the upload ever read stayed reachable (300 MB held for a 256 MB upload).
 */
function orAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  const reason = (): Error => (signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
  if (signal.aborted) return Promise.reject(reason());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(reason());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => { signal.removeEventListener('abort', onAbort); resolve(value); },
      (error: unknown) => { signal.removeEventListener('abort', onAbort); reject(error); },
    );
  });
}

function finalStats(done: TaskSuccess): TaskStats {
  if (done.kind !== 'final') throw new Error('worker answered a final count with a partial one');
  return done.stats;
}

/**
 * Runs one normalized job on the pool: one task for a small input; for a
 * large one, a task per byte range and a merge task, all on worker threads
 * (the main thread only plans and forwards).
 */
import { setMaxListeners } from 'node:events';
import { stat } from 'node:fs/promises';
import { InputError } from '../errors.ts';
import type { CountMode, TaskInput, TaskStats } from '../protocol.ts';
import { TASKS } from '../tasks/registry.ts';
import type { TaskSuccess, ThreadPool } from '../pool/thread-pool.ts';
import { planByteChunks, planFileChunks } from './chunk-plan.ts';
import { filePacking } from './packed-input.ts';
import { isShared, SHARED_MIN_BYTES, sharedCopy, utf8Bytes } from './shared-bytes.ts';
import { runStreamJob } from './stream-job.ts';
import { zipMemberInput } from './zip-archive.ts';
import type { CutRule } from '../tasks/descriptor.ts';
import type { Job } from './job.ts';
import { withRetries } from './retry.ts';

export interface RunContext {
  pool: ThreadPool;
  chunkSize: number;
  logDir: string | null;
  retries: number;
  signal: AbortSignal;
  onRetry?: (error: Error, attempt: number) => void;
}

export interface JobOutcome {
  stats: TaskStats;
  workers: number[];
  chunks: number;
}

export async function runJob(job: Job, ctx: RunContext): Promise<JobOutcome> {
  // A task that cannot merge chunks gets its whole input in one piece, however large.
  const descriptor = TASKS[job.task];
  const corpus = job.corpus === undefined ? {} : { corpus: job.corpus };
  const common = { jobId: job.id, source: job.source, task: job.task, options: job.options, ...corpus, logDir: ctx.logDir };
  // The counts file is written by the step that sees the whole input: the one count, or the merge of its chunks.
  const keep = job.counts?.keep === undefined ? {} : { keepCounts: job.counts.keep };
  const run = (make: () => Parameters<ThreadPool['run']>[0], signal: AbortSignal): Promise<TaskSuccess> =>
    withRetries(() => ctx.pool.run(make(), signal), { retries: ctx.retries, signal, onRetry: ctx.onRetry });
  if (job.counts?.add !== undefined) {
    const added = job.counts.add;
    const letters = job.counts.letters === undefined ? {} : { letters: job.counts.letters };
    const merged = await run(() => ({ type: 'merge', ...common, ...keep, partials: [], addCounts: added, ...letters }), ctx.signal);
    return { stats: finalStats(merged), workers: [merged.threadId], chunks: 1 };
  }
  if ('stream' in job.input) return runStreamJob(job, job.input.stream, ctx);
  const inputs = await planInputs(job, descriptor.chunked ? ctx.chunkSize : Number.MAX_SAFE_INTEGER, ctx.pool.threads, descriptor.cuts ?? 'between-words');
  const count = (input: TaskInput, mode: CountMode, signal: AbortSignal) =>
    run(() => ({ type: 'count', ...common, ...(mode === 'final' ? keep : {}), input, mode }), signal);

  if (inputs.length === 1) {
    const done = await count(inputs[0]!, 'final', ctx.signal);
    return { stats: finalStats(done), workers: [done.threadId], chunks: 1 };
  }
  // One failed range fails the job: stop its other ranges instead of finishing them for nothing.
  const sibling = new AbortController();
  const signal = AbortSignal.any([ctx.signal, sibling.signal]);
  // Every range's pool task listens on this signal: one listener per chunk is expected, not a leak.
  setMaxListeners(inputs.length + 10, signal);
  const parts = await Promise.all(
    inputs.map((input) =>
      count(input, 'partial', signal).catch((error: unknown) => {
        sibling.abort(error);
        throw error;
      }),
    ),
  );
  const partials = parts.map((p) => {
    if (p.kind !== 'partial') throw new Error('worker answered a partial count with a final one');
    return p.partial;
  });
  const merged = await run(() => ({ type: 'merge', ...common, ...keep, partials }), ctx.signal);
  const workers = [...new Set([...parts.map((p) => p.threadId), merged.threadId])];
  return { stats: finalStats(merged), workers, chunks: inputs.length };
}

function finalStats(done: TaskSuccess): TaskStats {
  if (done.kind !== 'final') throw new Error('worker answered a final count with a partial one');
  return done.stats;
}

async function planInputs(job: Job, chunkSize: number, threads: number, rule: CutRule): Promise<TaskInput[]> {
  const source = job.input;
  if ('path' in source) {
    const path = source.path;
    const size = await fileSize(path);
    // A compressed stream cannot be entered midway: a packed file is one range on one thread.
    if (source.member !== undefined) return [await zipMemberInput(path, source.member)];
    const packing = filePacking(path);
    if (packing !== undefined) return [{ kind: 'file', path, start: 0, end: size, packing }];
    const ranges = await planFileChunks(path, size, chunkSize, threads, rule);
    return ranges.map((r) => ({ kind: 'file', path, start: r.start, end: r.end }));
  }
  if ('stream' in source) throw new Error('a streamed input is counted by runStreamJob');
  const given = 'text' in source ? utf8Bytes(source.text) : source.bytes;
  // A large input goes to the threads in shared memory, each range a view where it is (see
  // shared-bytes.ts). A small one goes as a compact copy when it is a view into a larger buffer:
  // structured clone copies a view's whole buffer, and a Buffer's `slice` is a view, so a 1 KiB
  // body (Node puts small buffers in a shared 8 KiB slab) crossed to the thread as the whole slab.
  const bytes = given.byteLength >= SHARED_MIN_BYTES ? sharedCopy(given) : given;
  const compact = isShared(bytes) || (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength);
  return planByteChunks(bytes, chunkSize, threads, rule).map((r) => ({
    kind: 'bytes',
    bytes: !compact ? Uint8Array.prototype.slice.call(bytes, r.start, r.end) : r.start === 0 && r.end === bytes.length ? bytes : bytes.subarray(r.start, r.end),
    atStart: r.start === 0,
  }));
}

async function fileSize(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new InputError('E_NOT_A_FILE', `${path} is not a regular file`);
    return info.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError('E_INPUT_NOT_FOUND', `${path} does not exist`);
    if (code === 'ELOOP') throw new InputError('E_INPUT_UNREADABLE', `${path} is a symlink loop`);
    throw new InputError('E_INPUT_UNREADABLE', `cannot read ${path}: ${(error as Error).message}`);
  }
}
